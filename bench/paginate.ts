// iterateExportJobs across many pages: how many jobs a second it yields, and whether its memory
// stays flat however many jobs it reads (it should hold one page at a time). The peer is the loop
// a user would write by hand: fetch, res.json(), follow link.next.
import type { ExportJob } from "../src/index.js";
import { createExportJobsClient, iterateExportJobs } from "./lib/shipped-client.js";
import { exampleValue } from "./lib/examples.js";
import type { Report } from "./lib/report.js";
import { summarize } from "./lib/stats.js";
import { BASE_URL, credentials, staticHeaders } from "./lib/stub-transport.js";
import { syntheticPages } from "./lib/synthetic-pages.js";

const SECTION = "paginate";
const PAGE_SIZE = 100;
const SIZES = [20_000, 100_000] as const;
const RUNS = 3;
const MiB = 1024 ** 2;
export const PEAK_GROWTH_TARGET = 16 * MiB;
// Growth that reading five times as many jobs may add to the live heap before we call it growing.
const FLAT_TOLERANCE = 1 * MiB;
// How often the live-heap pass collects garbage (and then samples): every page would take minutes.
const COLLECT_EVERY_PAGES = 10;

function collectGarbage(): void {
  if (typeof globalThis.gc !== "function") throw new Error("the paginate section needs --expose-gc (npm run bench passes it)");
  globalThis.gc();
  globalThis.gc();
}

type Reader = (fetchImpl: typeof fetch, onJob: (job: ExportJob) => void) => Promise<void>;

const readers: Record<"ours" | "raw", Reader> = {
  async ours(fetchImpl, onJob) {
    const client = createExportJobsClient({ ...credentials, baseUrl: BASE_URL, fetch: fetchImpl });
    for await (const job of iterateExportJobs(client, { limit: PAGE_SIZE })) onJob(job);
  },
  async raw(fetchImpl, onJob) {
    let url = `${BASE_URL}/export/jobs?limit=${PAGE_SIZE}`;
    for (;;) {
      const response = await fetchImpl(url, { headers: staticHeaders });
      const page = (await response.json()) as { records: ExportJob[]; link?: { next?: string } };
      for (const job of page.records) onJob(job);
      if (!page.link?.next || page.records.length === 0) return;
      url = BASE_URL + page.link.next;
    }
  },
};

interface Pass {
  ms: number;
  /** Highest heapUsed sampled at a page request, minus the baseline taken after a collection. */
  peakGrowth: number;
}

/**
 * Reads every job once and samples heapUsed at every page request; with `collectEvery`, only
 * right after a collection every that many pages, so that the samples show live memory only.
 */
async function readAll(reader: Reader, template: ExportJob, total: number, collectEvery = 0): Promise<Pass> {
  let pages = 0;
  let peak = 0;
  const fetchImpl = syntheticPages(template, total, PAGE_SIZE, () => {
    if (collectEvery === 0 || pages % collectEvery === 0) {
      if (collectEvery > 0) collectGarbage();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    pages++;
  });
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  peak = baseline;
  let count = 0;
  let previousId = Number.POSITIVE_INFINITY;
  const started = performance.now();
  await reader(fetchImpl, (job) => {
    if (job.id >= previousId) throw new Error(`jobs out of order: ${job.id} after ${previousId}`);
    previousId = job.id;
    count++;
  });
  const ms = performance.now() - started;
  if (count !== total) throw new Error(`read ${count} jobs of ${total}`);
  return { ms, peakGrowth: peak - baseline };
}

export async function run(report: Report): Promise<void> {
  const template = exampleValue<ExportJob>("job-succeeded");
  // The first passes run slower by several times, until V8 has optimized the hot paths.
  for (let warmUp = 0; warmUp < 2; warmUp++) {
    for (const reader of Object.values(readers)) await readAll(reader, template, SIZES[0]);
  }
  const results: Record<string, { rate: number; peak: number; rates: number[]; peaks: number[]; live?: number }> = {};
  for (const total of SIZES) {
    const passes: Record<string, Pass[]> = { ours: [], raw: [] };
    // Interleaved, so that a busy moment on the machine hits both alike.
    for (let pass = 0; pass < RUNS; pass++) {
      for (const [name, reader] of Object.entries(readers)) passes[name]!.push(await readAll(reader, template, total));
    }
    const label = `${total.toLocaleString("en-US")} jobs in pages of ${PAGE_SIZE}`;
    for (const [name, kept] of Object.entries(passes)) {
      const who = name === "ours" ? "ours, iterateExportJobs" : "raw fetch loop";
      const rates = kept.map((p) => (total / p.ms) * 1000);
      const peaks = kept.map((p) => p.peakGrowth);
      const rate = report.record(SECTION, `${label}: ${who}, throughput`, "per-second", summarize(rates), "jobs/s");
      const peak = report.record(SECTION, `${label}: ${who}, peak heap growth`, "bytes", summarize(peaks), "garbage included");
      results[`${name} ${total}`] = { rate: rate.median, peak: peak.max!, rates, peaks };
    }
    const live = (await readAll(readers.ours, template, total, COLLECT_EVERY_PAGES)).peakGrowth;
    results[`ours ${total}`]!.live = live;
    report.record(SECTION, `${label}: ours, live heap growth`, "bytes", { median: live, samples: 1 }, `after a collection every ${COLLECT_EVERY_PAGES} pages`);
    const ours = results[`ours ${total}`]!;
    const raw = results[`raw ${total}`]!;
    report.compare(SECTION, `${label}, throughput: ours vs raw fetch loop`, ours.rate, raw.rate, "raw fetch loop", {
      lowerIsBetter: false,
      paired: { ours: ours.rates, theirs: raw.rates },
    });
    report.compare(SECTION, `${label}, peak heap growth (highest): ours vs raw fetch loop`, ours.peak, raw.peak, "raw fetch loop", {
      paired: { ours: ours.peaks, theirs: raw.peaks },
    });
  }
  const [small, large] = SIZES.map((size) => results[`ours ${size}`]!);
  const largeLabel = SIZES[1].toLocaleString("en-US");
  report.target(SECTION, `peak heap growth, ${largeLabel} jobs (highest of ${RUNS})`, large!.peak, "bytes", "< 16 MiB", large!.peak < PEAK_GROWTH_TARGET);
  const growth = large!.live! - small!.live!;
  report.target(SECTION, `live heap, ${largeLabel} jobs minus ${SIZES[0].toLocaleString("en-US")} jobs`, growth, "bytes", "< 1 MiB (flat)", growth < FLAT_TOLERANCE);
  report.detail("paginate", { pageSize: PAGE_SIZE, runs: RUNS, collectEveryPages: COLLECT_EVERY_PAGES, results });
}
