"""markdown-it-py inline rules for Dendron's syntax, one small rule per file.

Each rule mirrors one of Dendron's remark tokenizers and pushes a `dendron_link` token whose
`meta` holds the parsed link (see `vault.links.RawLink`). Being inline rules, none of them ever
sees code spans, fenced or indented code, or raw HTML: markdown-it decides what is text.
"""
