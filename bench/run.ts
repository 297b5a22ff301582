// npm run bench: measures the client, its peers and the pipeline; prints one table and writes
// dist/bench.json. `--only <section>[,<section>]` runs a subset.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { machineInfo } from "./lib/machine.js";
import { fromRoot } from "./lib/paths.js";
import { Report } from "./lib/report.js";

type Section = { run(report: Report): Promise<void> };

interface SectionEntry {
  load: () => Promise<Section>;
  /** What the section measures, for `--help`. */
  measures: string;
  /** Roughly how long it runs on a 2-core machine. */
  takes: string;
  /** Too long for every run: only when named in --only. */
  onlyWhenNamed?: boolean;
}

// In this order: the pipeline first, so that every later section reads a fresh dist/ and generated/.
const sections: Record<string, SectionEntry> = {
  pipeline: { load: () => import("./pipeline.js"), measures: "each build step (lint, bundle, generate, docs, compile), run even when unchanged, the whole build, and the build again with nothing changed", takes: "about 100 s" },
  "client-call": { load: () => import("./client-call.js"), measures: "one typed call against bare openapi-fetch and raw fetch, on an in-process stub and over loopback HTTP", takes: "about 20 s" },
  "hey-api": { load: () => import("./hey-api.js"), measures: "against the SDK @hey-api/openapi-ts generates: call cost, type-check time, bundle size", takes: "about 10 s" },
  paginate: { load: () => import("./paginate.js"), measures: "iterateExportJobs against a hand-written loop: jobs per second and heap", takes: "about 25 s" },
  "normalize-validate": { load: () => import("./normalize-validate.js"), measures: "normalizeExportJob, the generated validators, and a call with validateResponses", takes: "about 15 s" },
  docs: { load: () => import("./docs.js"), measures: "the rendered reference: Lighthouse performance and accessibility (mobile defaults, median of 3), its size, and how soon a deep link shows its operation, from the docs server and the file", takes: "about 3 min" },
  loop: {
    load: async () => ({ run: (await import("./loop.js")).runStart }),
    measures: "npm start until it serves: first with no build step recorded (a fresh clone), then again with nothing changed; 3 rounds",
    takes: "about 4 min",
  },
  "loop-test": {
    load: async () => ({ run: (await import("./loop.js")).runTest }),
    measures: "npm test, the whole command, the same two ways; 3 rounds",
    takes: "about 15 min",
    onlyWhenNamed: true,
  },
};

const { values } = parseArgs({ options: { only: { type: "string" }, help: { type: "boolean" } } });
if (values.help) {
  const width = Math.max(...Object.keys(sections).map((name) => name.length));
  console.log(`Usage: npm run bench [-- --only SECTION[,SECTION]]

Measures the client, its peers and the build, and prints one table: medians with p75/p99,
min/max and margin of error, and ratios taken round by round with their spread. Every figure,
with the machine's details, is written to dist/bench.json. Speed is measured here, never in tests.

Sections, in the order they run:
${Object.entries(sections)
  .map(([name, section]) => `  ${name.padEnd(width)}  ${section.measures} (${section.takes}${section.onlyWhenNamed ? "; only with --only" : ""})`)
  .join("\n")}`);
  process.exit(0);
}
const chosen = values.only
  ? values.only.split(",").map((name) => name.trim())
  : Object.keys(sections).filter((name) => !sections[name]!.onlyWhenNamed);
const unknown = chosen.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`Unknown section ${unknown.join(", ")}; choose from ${Object.keys(sections).join(", ")}`);
  process.exit(2);
}
if (typeof globalThis.gc !== "function") {
  console.warn("Running without --expose-gc: heap figures will include garbage. Use npm run bench.");
}

const report = new Report();
const before = machineInfo();
const started = performance.now();
const durations: Record<string, number> = {};
const failures: Record<string, string> = {};
for (const name of chosen) {
  const sectionStarted = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    await (await sections[name]!.load()).run(report);
  } catch (error) {
    // One broken section must not hide the figures of the others.
    failures[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`bench: ${name} failed: ${failures[name]}\n`);
  }
  durations[name] = performance.now() - sectionStarted;
}

const machine = { ...before, loadAverageAfter: machineInfo().loadAverage };
const [load1, load5] = machine.loadAverage;
console.log(
  `\n${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}; ` +
    `load average ${load1?.toFixed(2)} (1 min) ${load5?.toFixed(2)} (5 min) at start, ` +
    `${machine.loadAverageAfter[0]?.toFixed(2)} at end; ${((performance.now() - started) / 1000).toFixed(0)} s in all\n`,
);
console.log(report.render());
console.log(`
Medians unless said otherwise; ±RME is the 95 % margin of error of the mean. "per call" and "per job"
figures are sampled in batches of calls. A ratio with a spread is the median of ratios taken round by
round, the clients taking turns, so that the machine's busy and quiet moments cancel out; "even" means
within 2 %. Peak heap growth includes garbage not yet collected; live heap growth is sampled right
after a collection.`);

const output = fromRoot("dist/bench.json");
mkdirSync(fromRoot("dist"), { recursive: true });
writeFileSync(
  output,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      sections: chosen,
      sectionDurationsMs: durations,
      failures,
      measurements: report.measurements,
      comparisons: report.comparisons,
      targets: report.targets,
      details: report.details,
      units: { ms: "milliseconds", bytes: "bytes", "per-second": "per second", ratio: "ours / theirs" },
    },
    null,
    2,
  ) + "\n",
);
console.log(`\nWrote dist/bench.json`);
if (Object.keys(failures).length > 0) {
  console.error(`Sections that failed: ${Object.keys(failures).join(", ")}`);
  process.exitCode = 1;
}
