// The rendered reference as a reader meets it: Lighthouse's performance and accessibility scores
// with its mobile defaults, served by the docs server that `npm start` runs (Lighthouse loads the
// landing view and does not interact, so it measures the page before Redoc starts); how heavy
// the page and Redoc's script are; and how long Chromium takes from following a deep link to showing that operation, from the
// docs server and from the file, with every request that would leave the machine refused.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium, type Browser } from "playwright-core";
import { startStaticServer } from "../src/mock/static-server.js";
import { readDescription } from "./lib/examples.js";
import { fromRoot } from "./lib/paths.js";
import type { Report } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const SECTION = "docs";
const RUNS = 5;
// Lighthouse's own advice: the median of at least three runs, on a machine this noisy.
const LIGHTHOUSE_RUNS = 3;
const DEEP_LINK_TARGET_MS = 1_000;
const PERFORMANCE_TARGET = 90;
const docsFolder = fromRoot("dist/docs");
const docsFile = fromRoot("dist/docs/index.html");
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const chromiumFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const localSchemes = new Set(["file:", "data:", "blob:", "about:"]);

function launch(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No browser at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
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
    const own = new URL(url).origin;
    await page.route("**/*", (route) => {
      const requested = new URL(route.request().url());
      if (localSchemes.has(requested.protocol) || requested.origin === own) return route.continue();
      blocked.push(requested.href);
      return route.abort("blockedbyclient");
    });
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    // Measured inside the page, from its own navigation start, checked on every frame.
    const visible = await page.waitForFunction(
      (query) => {
        for (const heading of document.querySelectorAll(query)) {
          const box = heading.getBoundingClientRect();
          if (box.width > 0 && box.height > 0 && box.top >= 0 && box.top < innerHeight) return performance.now();
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

interface LighthouseRun {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  speedIndexMs: number;
  bytes: number;
  failedAccessibilityAudits: string[];
}

/** Lighthouse with its defaults (a throttled mid-range phone), each run in a fresh Chromium. */
async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: chromiumFlags });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
    if (!result) throw new Error("Lighthouse returned no result");
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code} ${runtimeError.message}`);
    const value = (id: string) => audits[id]?.numericValue ?? Number.NaN;
    const failedAccessibilityAudits = (categories.accessibility?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && audits[ref.id]?.score === 0)
      .map((ref) => ref.id);
    return {
      performance: categories.performance?.score ?? Number.NaN,
      accessibility: categories.accessibility?.score ?? Number.NaN,
      fcpMs: value("first-contentful-paint"),
      lcpMs: value("largest-contentful-paint"),
      tbtMs: value("total-blocking-time"),
      speedIndexMs: value("speed-index"),
      bytes: value("total-byte-weight"),
      failedAccessibilityAudits,
    };
  } finally {
    chrome.kill();
  }
}

export async function run(report: Report): Promise<void> {
  if (!existsSync(docsFile)) throw new Error("dist/docs/index.html is missing: run `npm run docs` first (the pipeline section does)");
  for (const name of ["index.html", "redoc.js"]) {
    const file = readFileSync(fromRoot("dist/docs", name));
    report.record(SECTION, `dist/docs/${name}, raw`, "bytes", { median: file.length });
    report.record(SECTION, `dist/docs/${name}, gzipped`, "bytes", { median: gzipSync(file, { level: 9 }).length });
    report.record(SECTION, `dist/docs/${name}, brotli (as the docs server sends it)`, "bytes", {
      median: brotliCompressSync(file, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }).length,
    });
  }

  const server = await startStaticServer({ root: docsFolder, port: 0 });
  const { hash, heading: selector } = firstOperation();
  const served = `${server.url}${hash}`;
  const file = pathToFileURL(docsFile).href + hash;
  const lighthouseRuns: LighthouseRun[] = [];
  const fromServer: Visit[] = [];
  const fromFile: Visit[] = [];
  let chromiumVersion = "";
  try {
    const browser = await launch();
    chromiumVersion = browser.version();
    try {
      // Warm-up: the browser's start-up and the server's one-off compression land here.
      await visit(browser, served, selector);
      await visit(browser, file, selector);
      // Taking turns, so both suffer the machine's busy moments alike.
      for (let round = 0; round < RUNS; round++) {
        fromServer.push(await visit(browser, served, selector));
        fromFile.push(await visit(browser, file, selector));
      }
    } finally {
      await browser.close();
    }
    for (let round = 0; round < LIGHTHOUSE_RUNS; round++) lighthouseRuns.push(await lighthouseRun(server.url));
  } finally {
    await server.close();
  }

  const deepLink = report.record(SECTION, `deep link ${hash} from the docs server, operation heading on screen`, "ms", summarize(fromServer.map((v) => v.firstOperationMs)), "headless Chromium, 1400x900");
  report.record(SECTION, `deep link ${hash} from the file, operation heading on screen`, "ms", summarize(fromFile.map((v) => v.firstOperationMs)), "headless Chromium, 1400x900");
  report.record(SECTION, "docs server: navigation to DOMContentLoaded", "ms", summarize(fromServer.map((v) => v.domContentLoadedMs)), "headless Chromium");
  report.record(SECTION, "docs server: navigation to load event", "ms", summarize(fromServer.map((v) => v.loadMs)), "headless Chromium");
  report.target(SECTION, "deep link to an operation on screen (docs server)", deepLink.median, "ms", `≤ ${DEEP_LINK_TARGET_MS} ms`, deepLink.median <= DEEP_LINK_TARGET_MS);

  // Scores as Lighthouse shows them, out of 100.
  const lighthouseFigure = (name: string, unit: "count" | "ms" | "bytes", pick: (run: LighthouseRun) => number) =>
    report.record(SECTION, `Lighthouse ${name}`, unit, summarize(lighthouseRuns.map(pick)), "mobile defaults, docs server");
  const performanceScore = lighthouseFigure("performance score", "count", (r) => r.performance * 100);
  const accessibilityScore = lighthouseFigure("accessibility score", "count", (r) => r.accessibility * 100);
  lighthouseFigure("first contentful paint", "ms", (r) => r.fcpMs);
  lighthouseFigure("largest contentful paint", "ms", (r) => r.lcpMs);
  lighthouseFigure("total blocking time", "ms", (r) => r.tbtMs);
  lighthouseFigure("speed index", "ms", (r) => r.speedIndexMs);
  lighthouseFigure("bytes on the wire", "bytes", (r) => r.bytes);
  report.target(SECTION, "Lighthouse performance, median of 3", performanceScore.median, "count", `≥ ${PERFORMANCE_TARGET}`, performanceScore.median >= PERFORMANCE_TARGET);
  report.target(SECTION, "Lighthouse accessibility, median of 3", accessibilityScore.median, "count", "= 100", accessibilityScore.median >= 100);

  const blocked = [...new Set([...fromServer, ...fromFile].flatMap((v) => v.blocked))];
  report.detail("docs", {
    runs: RUNS,
    lighthouseRuns,
    url: hash,
    selector,
    blockedRequests: blocked,
    chromium: chromiumVersion,
  });
  if (blocked.length > 0) process.stderr.write(`bench: the docs page asked for ${blocked.length} remote resource(s), refused: ${blocked.join(", ")}\n`);
}
