/**
 * Renders dist/openapi.yaml into one HTML page that loads nothing from the network:
 * Redoc's scripts are inlined, Redoc telemetry is off, and the Redocly logo in the
 * sidebar (which Redoc always fetches from its CDN) is replaced by an inline wordmark.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const title = "Export jobs API – aep-export-jobs";
const fromRoot = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const input = fromRoot("dist/openapi.yaml");
const output = fromRoot("dist/docs/index.html");
const template = fromRoot("openapi/docs-template/index.hbs");
const redoclyCli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

const rendered = spawnSync(
  process.execPath,
  [redoclyCli, "build-docs", input, "-o", output, "--inlineBundle", "--template", template, "--title", title],
  { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
);
if (rendered.status !== 0) process.exit(rendered.status ?? 1);

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

// A cheap static guard; the browser test (test/docs/browser.test.ts) is the real one.
const remoteResource = /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.exec(html);
if (remoteResource) {
  console.error(`The rendered docs load a remote resource: ${remoteResource[0]}`);
  process.exit(1);
}
writeFileSync(output, html);
