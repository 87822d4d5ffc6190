// Dump every note Foam's own core sees in a workspace, with each link and where Foam resolves
// it, as JSON. No VS Code: foam-core (the npm name of foambubble/foam's packages/foam-core,
// which the extension and Foam's CLI both run on) loaded the way Foam's CLI loads a folder
// (packages/foam-cli/src/support/filesystem.ts, loadWorkspaceFromDirectory), with the file
// filters the extension applies by default (foam-vscode's package.json `foam.files.*`
// defaults, VS Code's `files.exclude` defaults, and the `**/.foam/**` the extension always
// adds), overridden by `.vscode/settings.json`.
//
//     node dump.js WORKSPACE [OUT.json]     (without OUT.json: to standard output)
//
// Lines are 1-based from the start of the file (Foam's ranges are 0-based). A link's
// `target` is the workspace-relative path of the note or attachment Foam resolves it to, or
// null when Foam makes it a placeholder (an unresolved link); `fragment` is the heading or
// `^block` it points into.
const fs = require("fs");
const path = require("path");
const micromatch = require("micromatch");
const { parse: parseJsonc } = require("jsonc-parser");
const {
  URI, bootstrap, createMarkdownParser, MarkdownResourceProvider, AttachmentResourceProvider,
  Config, DefaultFoamConfig, cascadeFoamConfig, FoamGraph, getLinkDefinitions,
} = require("foam-core");

// foam-vscode package.json, `foam.files.exclude` default
const FOAM_EXCLUDE_DEFAULT = [
  "**/.vscode/**/*", "**/_layouts/**/*", "**/_site/**/*", "**/node_modules/**/*",
  "**/.venv/**/*", "**/venv/**/*", "**/env/**/*", "**/.env/**/*", "**/target/**/*",
  "**/dist/**/*", "**/build/**/*", "**/.next/**/*", "**/.nuxt/**/*", "**/.terraform/**/*",
  "**/.gradle/**/*", "**/.idea/**/*", "**/.cache/**/*", "**/__pycache__/**/*",
];
// VS Code's `files.exclude` and `files.watcherExclude` defaults
const VSCODE_FILES_EXCLUDE_DEFAULT = {
  "**/.git": true, "**/.svn": true, "**/.hg": true, "**/.DS_Store": true,
  "**/Thumbs.db": true, "**/CVS": true,
};
const VSCODE_WATCHER_EXCLUDE_DEFAULT = {
  "**/.git/objects/**": true, "**/.git/subtree-cache/**": true, "**/.hg/store/**": true,
  "**/node_modules/*/**": true,
};

function settings(root) {
  try {
    return parseJsonc(fs.readFileSync(path.join(root, ".vscode", "settings.json"), "utf8")) || {};
  } catch (e) {
    if (e.code === "ENOENT") return {};
    throw e;
  }
}

function config(raw) {
  const base = new DefaultFoamConfig();
  const strings = (key, dflt) => (Array.isArray(raw[key]) ? raw[key].filter(v => typeof v === "string") : dflt);
  // as foam-vscode's VsCodeFoamConfig.getFilesExclude (packages/foam-vscode/src/vscode/config.ts)
  // (VS Code merges an object setting of the workspace into its default)
  const filesExclude = { ...VSCODE_FILES_EXCLUDE_DEFAULT, ...(raw["files.exclude"] || {}) };
  const watcherExclude = { ...VSCODE_WATCHER_EXCLUDE_DEFAULT, ...(raw["files.watcherExclude"] || {}) };
  const exclude = [
    "**/.foam/**",
    ...strings("foam.files.exclude", FOAM_EXCLUDE_DEFAULT),
    ...strings("foam.files.ignore", []),
    // every `files.exclude` key, as the extension takes them; VS Code's file search, which
    // lists the extension's files, also leaves out what is under an excluded folder
    ...Object.keys(filesExclude).flatMap(k => [k, `${k}/**`]),
    ...Object.keys(watcherExclude).filter(k => watcherExclude[k]),
  ];
  const ext = "." + String(raw["foam.files.defaultNoteExtension"] || "md").trim();
  const extra = String(raw["foam.files.notesExtensions"] || "").split(" ").filter(Boolean).map(e => "." + e.trim());
  const attachments = typeof raw["foam.files.attachmentExtensions"] === "string"
    ? raw["foam.files.attachmentExtensions"].split(" ").filter(Boolean).map(e => "." + e.trim())
    : base.getAttachmentExtensions();
  const source = {
    getFilesInclude: () => strings("foam.files.include", ["**/*"]),
    getFilesExclude: () => exclude,
    getDefaultNoteExtension: () => ext,
    getNotesExtensions: () => [...new Set([...extra, ext])],
    getAttachmentExtensions: () => attachments,
    getLinksDirectoryMode: () => raw["foam.links.directory.mode"] || "resolve",
  };
  return cascadeFoamConfig([source], base);
}

class GlobMatcher { // as Foam's CLI matches (packages/foam-cli/src/support/glob-matcher.ts)
  constructor(include, exclude, root) {
    this.include = include; this.exclude = exclude; this.root = root.path.replace(/\/?$/, "/");
  }
  match(files) { return files.filter(f => this.isMatch(f)); }
  isMatch(uri) {
    const rel = uri.path.startsWith(this.root) ? uri.path.slice(this.root.length) : uri.path;
    return micromatch.isMatch(rel, this.include, { dot: true })
      && (this.exclude.length === 0 || !micromatch.isMatch(rel, this.exclude, { dot: true }));
  }
  refresh() { return Promise.resolve(); }
}

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

class NodeDataStore {
  constructor(root, matcher) { this.root = root; this.matcher = matcher; }
  async list() { return walk(this.root, []).map(f => URI.file(f)).filter(u => this.matcher.isMatch(u)); }
  async read(uri) { try { return fs.readFileSync(uri.toFsPath(), "utf8"); } catch { return null; } }
  async exists(uri) { return fs.existsSync(uri.toFsPath()); }
  async write() { throw new Error("the oracle never writes"); }
  async delete() { throw new Error("the oracle never writes"); }
  async move() { throw new Error("the oracle never writes"); }
}

(async () => {
  const root = fs.realpathSync(path.resolve(process.argv[2]));
  const outFile = process.argv[3];
  const rootUri = URI.file(root);
  const cfg = config(settings(root));
  Config.setDefaultConfig(cfg);
  const matcher = new GlobMatcher(Config.getFilesInclude(), Config.getFilesExclude(), rootUri);
  const dataStore = new NodeDataStore(root, matcher);
  const parser = createMarkdownParser();
  const providers = [
    new MarkdownResourceProvider(dataStore, parser, Config.getNotesExtensions(), Config.getLinksDirectoryMode()),
    new AttachmentResourceProvider(Config.getAttachmentExtensions()),
  ];
  const t0 = Date.now();
  const foam = await bootstrap([rootUri], matcher, undefined, dataStore, parser, providers,
    Config.getDefaultNoteExtension(), "off");
  const ms = Date.now() - t0;
  const ws = foam.workspace;
  const graph = foam.graph || FoamGraph.fromWorkspace(ws);
  const rel = uri => path.relative(root, uri.toFsPath()).split(path.sep).join("/");
  const line = range => range.start.line + 1;
  const notes = ws.list().filter(r => r.type === "note").map(r => ({
    path: rel(r.uri),
    title: r.title,
    type: r.properties && r.properties.type || null,
    identifier: ws.getIdentifier(r.uri),
    tags: r.tags.map(t => ({ label: t.label, line: line(t.range) })),
    aliases: (r.aliases || []).map(a => a.title),
    sections: r.sections.map(s => s.label),
    blocks: (r.blocks || []).map(b => b.id),
    // the link reference definitions in the file (the block Foam writes at the end of a note)
    definitions: getLinkDefinitions(fs.readFileSync(r.uri.toFsPath(), "utf8")).map(d => ({ label: d.label, url: d.url, title: d.title || null,
      line: d.range ? line(d.range) : null })),
    links: r.links.map(l => {
      let target = null, fragment = null, error = null;
      try {
        const uri = ws.resolveLink(r, l);
        fragment = uri.fragment || null;
        target = uri.isPlaceholder() ? null : rel(uri);
      } catch (e) { error = String(e.message || e); }
      return {
        raw: l.rawText, type: l.type, embed: !!l.isEmbed, line: line(l.range),
        definition: typeof l.definition === "string" ? l.definition
          : l.definition ? l.definition.url : null,
        target, fragment, error,
      };
    }),
    backlinks: graph.getBacklinks(r.uri).map(c => ({ source: rel(c.source), line: line(c.link.range) })),
  }));
  const attachments = ws.list().filter(r => r.type !== "note").map(r => rel(r.uri));
  notes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const placeholders = [...graph.placeholders.values()].map(u => u.path).sort();
  const text = JSON.stringify({ oracle: "foam-core@0.44.0", init_ms: ms, notes, attachments, placeholders }, null, 1);
  if (outFile) fs.writeFileSync(outFile, text);
  else process.stdout.write(text + "\n");
  process.exit(0);
})().catch(e => { console.error(e && e.stack || e); process.exit(1); });
