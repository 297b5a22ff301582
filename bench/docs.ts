// The rendered reference: how heavy the page is, and how long Chromium takes from navigation to
// showing the first operation, with every request that would leave the machine refused.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { readDescription } from "./lib/examples.js";
import { fromRoot } from "./lib/paths.js";
import type { Report } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const SECTION = "docs";
const RUNS = 5;
const docsFile = fromRoot("dist/docs/index.html");
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const localSchemes = new Set(["file:", "data:", "blob:", "about:"]);

function launch(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No browser at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

interface DescribedOperation {
  operationId?: string;
  tags?: string[];
}

/**
 * Redoc renders an operation only once the reader goes to it (from the menu, or a link), under
 * an anchor made of its tag and its lower-cased operation id: `#/export-jobs/listexportjobs`.
 * The first operation of the description, reached by such a link, is what is timed.
 */
function firstOperation(): { hash: string; heading: string } {
  const description = readDescription() as unknown as { paths: Record<string, Record<string, DescribedOperation>> };
  const operation = Object.values(description.paths)
    .flatMap((item) => Object.values(item))
    .find((candidate) => candidate?.operationId && candidate.tags?.length);
  if (!operation) throw new Error("The description has no tagged operation to open");
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const anchor = `${slug(operation.tags![0]!)}/${operation.operationId!.toLowerCase()}`;
  return { hash: `#/${anchor}`, heading: `[id="${anchor}"] h2` };
}

interface Visit {
  firstOperationMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  blocked: string[];
}

async function visit(browser: Browser, url: string, selector: string): Promise<Visit> {
  // A fresh context each time: nothing cached from the previous visit.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const blocked: string[] = [];
    await page.route("**/*", (route) => {
      const requested = route.request().url();
      if (localSchemes.has(new URL(requested).protocol)) return route.continue();
      blocked.push(requested);
      return route.abort("blockedbyclient");
    });
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    // Measured inside the page, from its own navigation start, checked on every frame.
    const visible = await page.waitForFunction(
      (query) => {
        for (const heading of document.querySelectorAll(query)) {
          const box = heading.getBoundingClientRect();
          if (box.width > 0 && box.height > 0) return performance.now();
        }
        return false;
      },
      selector,
      { polling: "raf", timeout: 60_000 },
    );
    const firstOperationMs = (await visible.jsonValue()) as number;
    await page.waitForLoadState("load");
    const navigation = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      return { domContentLoadedMs: entry?.domContentLoadedEventEnd ?? Number.NaN, loadMs: entry?.loadEventEnd ?? Number.NaN };
    });
    return { firstOperationMs, ...navigation, blocked };
  } finally {
    await context.close();
  }
}

export async function run(report: Report): Promise<void> {
  if (!existsSync(docsFile)) throw new Error("dist/docs/index.html is missing: run `npm run docs` first (the pipeline section does)");
  const html = readFileSync(docsFile);
  report.record(SECTION, "dist/docs/index.html, raw", "bytes", { median: html.length });
  report.record(SECTION, "dist/docs/index.html, gzipped", "bytes", { median: gzipSync(html, { level: 9 }).length });

  const { hash, heading: selector } = firstOperation();
  const url = pathToFileURL(docsFile).href + hash;
  const browser = await launch();
  const chromiumVersion = browser.version();
  const visits: Visit[] = [];
  try {
    await visit(browser, url, selector); // warm-up: the browser's own start-up costs land here
    for (let run = 0; run < RUNS; run++) visits.push(await visit(browser, url, selector));
  } finally {
    await browser.close();
  }
  report.record(SECTION, `navigation to ${hash}, operation heading visible`, "ms", summarize(visits.map((v) => v.firstOperationMs)), "headless Chromium");
  report.record(SECTION, "navigation to DOMContentLoaded", "ms", summarize(visits.map((v) => v.domContentLoadedMs)), "headless Chromium");
  report.record(SECTION, "navigation to load event", "ms", summarize(visits.map((v) => v.loadMs)), "headless Chromium");
  const blocked = [...new Set(visits.flatMap((v) => v.blocked))];
  report.detail("docs", { runs: RUNS, url: hash, selector, blockedRequests: blocked, chromium: chromiumVersion });
  if (blocked.length > 0) process.stderr.write(`bench: the docs page asked for ${blocked.length} remote resource(s), refused: ${blocked.join(", ")}\n`);
}
