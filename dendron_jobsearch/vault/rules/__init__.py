"""markdown-it-py rules for Dendron's syntax, one small rule per file.

The inline rules each mirror one of Dendron's remark tokenizers and push a `dendron_link`
token whose `meta` holds the parsed link (see `vault.links.RawLink`). Being inline rules, none
of them ever sees code spans, fenced or indented code, or raw HTML: the block rules decide
what is text. Those are markdown-it's, but where remark v8 (not CommonMark) draws a block's
bounds otherwise in a way that moves a link, a rule of the same name takes markdown-it's
place: `footnote` (as `reference`), `paragraph`, `blockquote`, `html_block`, `fence` (which
tries `math_block` first; `math_inline` is its inline half). `emphasis` and `container` hold
what two rules share.
"""
