/**
 * Renders the bundled description into dist/docs/ (index.html and Redoc's script beside it), which
 * loads nothing from the network: Redoc telemetry is off, and the Redocly logo in the sidebar
 * (which Redoc always fetches from its CDN) is replaced by an inline wordmark.
 *
 * The page is written for readers: the decision log's table becomes one section per decision
 * (a five-column table cannot be read in Redoc's middle column, nor on a phone); every link
 * Redoc pre-renders is a hash link, so that a reload or a pasted link lands on the same section
 * from the docs server and from the file alike; and Redoc's script waits beside the page until
 * it is needed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { readDecisionLog, type DecisionRow } from "./lib/decision-log.js";

const title = "Export jobs API – aep-export-jobs";
const NOTES_TAG = "Reconciliation notes";
// Named in the template's loader too.
const APP_SCRIPT = "redoc.js";
const fromRoot = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const input = fromRoot("dist/openapi.json");
const output = fromRoot("dist/docs/index.html");
const template = fromRoot("openapi/docs-template/index.hbs");
const redoclyCli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

/** `job status in responses` → `Job status in responses`. */
const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function decisionSection(row: DecisionRow): string {
  return [
    // Markdoc's own id annotation: a short, stable anchor instead of one made from the topic.
    `### ${row.id}: ${sentenceCase(row.topic.replaceAll("`", ""))} {% #${row.id.toLowerCase()} %}`,
    "",
    `**What the sources say.** ${row.sources}`,
    "",
    `**Decision.** ${row.decision}`,
    "",
    `**Why.** ${row.why}`,
  ].join("\n");
}

/** The decision log with its table replaced by one section per row, in the same order. */
function decisionsAsSections(markdown: string): string {
  const lines = markdown.split("\n");
  const first = lines.findIndex((line) => /^\|\s*id\s*\|/.test(line));
  if (first === -1) throw new Error(`The ${NOTES_TAG} have no decision table (a header row starting with "| id |")`);
  let end = first;
  while (end < lines.length && lines[end]!.startsWith("|")) end++;
  const rows = readDecisionLog(lines.slice(first, end).join("\n"));
  if (rows.length === 0) throw new Error(`The ${NOTES_TAG} table has no decision rows`);
  const sections = rows.map(decisionSection).join("\n\n");
  return [...lines.slice(0, first), sections, ...lines.slice(end)].join("\n");
}

const description = JSON.parse(readFileSync(input, "utf8"));
const notes = description.tags?.find((tag: { name: string }) => tag.name === NOTES_TAG);
if (!notes?.description) throw new Error(`${input} has no "${NOTES_TAG}" tag with a description: run npm run bundle`);
notes.description = decisionsAsSections(notes.description);

// The project's redocly.yaml would put the table back (its decorator adds the log when bundling),
// so the page is rendered from an already bundled copy with an empty configuration.
const scratch = mkdtempSync(join(tmpdir(), "aep-docs-"));
try {
  const source = join(scratch, "openapi.json");
  const config = join(scratch, "redocly.yaml");
  writeFileSync(source, JSON.stringify(description));
  writeFileSync(config, "extends: []\n");
  const rendered = spawnSync(
    process.execPath,
    [redoclyCli, "build-docs", source, "-o", output, "--config", config, "--inlineBundle", "--template", template, "--title", title],
    { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  );
  if (rendered.status !== 0) process.exit(rendered.status ?? 1);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const wordmark = (text: string, width: number) =>
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20">` +
      `<text x="0" y="15" font-family="sans-serif" font-size="15" font-weight="600" fill="#0044D4">${text}</text></svg>`,
  );
const cdnLogos: Record<string, string> = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": wordmark("Redocly", 64),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": wordmark("R", 12),
};

let html = readFileSync(output, "utf8");
for (const [url, inline] of Object.entries(cdnLogos)) html = html.replaceAll(url, inline);

// Redoc pre-renders its router links as paths (`/export-jobs`), which the docs server answers
// with 404 and a file URL cannot reach at all; in the browser it routes by hash, and these are
// the links it renders itself once running.
const body = html.indexOf("<body");
html = html.slice(0, body) + html.slice(body).replace(/(<a\b[^>]*\bhref=")\/([^"#]*)("[^>]*\bdata-discover="true")/g, "$1#/$2$3");

// Redoc's 2.2 MB script is most of the page: inline, a phone must receive all of it before the
// first paint, then spends seconds starting it. Kept beside the page as a classic script (a module
// cannot be loaded from a file URL), it is fetched only when the template's loader asks: at once
// for a deep link, otherwise on the reader's first interaction. The pre-rendered landing view
// paints without it.
const MODULE_START = '<script type="module">';
const start = html.lastIndexOf(MODULE_START);
const end = html.lastIndexOf("</script>");
const exported = "export{RedocStandalone,hydrate,init};";
const app = html.slice(start + MODULE_START.length, end);
if (start === -1 || end < start || app.split(exported).length !== 2) {
  console.error("Redoc's page no longer ends with its one module script (with one export statement): update scripts/build-docs.ts");
  process.exit(1);
}
// `import.meta` is a syntax error outside a module; Redoc only reads it in a branch for Node.
const classic = app.replace(exported, "").replace(/(?<!["'`])\bimport\.meta\b/g, "({})");
try {
  new Script(classic, { filename: APP_SCRIPT });
} catch (error) {
  console.error(`Redoc's script does not run as a classic script: ${(error as Error).message}`);
  process.exit(1);
}
writeFileSync(fromRoot(`dist/docs/${APP_SCRIPT}`), classic);
html = html.slice(0, start) + html.slice(end + "</script>".length);

// A cheap static guard; the browser test (test/docs/browser.test.ts) is the real one.
const remoteResource = /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.exec(html);
if (remoteResource) {
  console.error(`The rendered docs load a remote resource: ${remoteResource[0]}`);
  process.exit(1);
}
writeFileSync(output, html);
