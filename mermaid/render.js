// Render Mermaid diagrams with Mermaid 9.4.3, the version Dendron's preview bundles (or, from
// mermaid/obsidian/, 11.13.0, the version Obsidian bundles), in a real headless Chromium, and say for each whether it rendered or what Mermaid's error was.
//
//     node render.js CHROMIUM [DIAGRAMS.json] < DIAGRAMS.json
//
// DIAGRAMS.json (the file, else stdin) is a JSON array of diagram sources; stdout gets a JSON
// array with one entry per diagram, {"ok": true} or {"ok": false, "error": "Mermaid's text"}.
// Exit 0 when every diagram rendered, 1 when one did not, 2 when nothing could be rendered.
// Runs from the folder `npm ci` installed mermaid/package-lock.json into (tests/mermaid.py).
const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

const MERMAID = path.join(__dirname, "node_modules", "mermaid", "dist", "mermaid.min.js");
// Debian's chromium as it is, nothing of puppeteer's defaults: no network of its own, no GPU
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// In the page: render each diagram on its own, so one that fails does not hide the others.
async function renderAll(diagrams) {
  mermaid.initialize({ startOnLoad: false });
  const results = [];
  for (let i = 0; i < diagrams.length; i++) {
    try {
      let svg = null;
      if (typeof mermaid.run === "function") {
        // Mermaid 10 and later (Obsidian's): render is async and resolves to {svg}
        svg = (await mermaid.render(`diagram-${i}`, diagrams[i])).svg;
      } else {
        // Mermaid 9 renders synchronously and hands the SVG to the callback; it throws on
        // a diagram it cannot parse or lay out
        mermaid.render(`diagram-${i}`, diagrams[i], (out) => {
          svg = out;
        });
      }
      if (typeof svg !== "string" || !svg.includes("<svg")) {
        throw new Error("Mermaid returned no SVG");
      }
      results.push({ ok: true });
    } catch (err) {
      results.push({ ok: false, error: String((err && (err.message || err.str)) || err) });
    }
  }
  return results;
}

async function main() {
  const [chromium, file] = process.argv.slice(2);
  if (!chromium) {
    console.error("usage: node render.js CHROMIUM [DIAGRAMS.json] < DIAGRAMS.json");
    return 2;
  }
  const diagrams = JSON.parse(fs.readFileSync(file || 0, "utf8"));
  if (!Array.isArray(diagrams) || !diagrams.every((d) => typeof d === "string")) {
    console.error("render.js: the input must be a JSON array of diagram sources");
    return 2;
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mermaid-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    ignoreDefaultArgs: true,
    args: [...FLAGS, `--user-data-dir=${profile}`],
    pipe: true,
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: fs.readFileSync(MERMAID, "utf8") });
    const results = await page.evaluate(renderAll, diagrams);
    process.stdout.write(JSON.stringify(results) + "\n");
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`render.js: ${(err && err.stack) || err}`);
    process.exit(2);
  },
);
