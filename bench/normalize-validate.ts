// Per-job costs of the two things an application may do with every job it reads: normalize it
// to the canonical shape, and check it against the description (what validateResponses does),
// for the newest payload shape and the oldest one the API still sends.
import { retrieveExportJob_200 } from "../generated/validators.js";
import type { ExportJob } from "../src/index.js";
import { createExportJobsClient, normalizeExportJob, validateOperationPayload } from "./lib/shipped-client.js";
import { exampleValue } from "./lib/examples.js";
import { measure, type BenchTask } from "./lib/measure.js";
import type { Report } from "./lib/report.js";
import { BASE_URL, credentials, stubFetch } from "./lib/stub-transport.js";

const SECTION = "normalize-validate";
export const VALIDATION_TARGET_MS = 0.005;
const VALIDATED_CALL_TARGET_RATIO = 1.15;

const shapes = {
  newest: "job-succeeded",
  oldest: "job-oldest-batches-object",
} as const;

// Results go here so that the engine cannot drop the work as unused.
let sink: unknown;

export async function run(report: Report): Promise<void> {
  const jobs = Object.fromEntries(Object.entries(shapes).map(([shape, example]) => [shape, exampleValue<ExportJob>(example)]));
  const tasks: BenchTask[] = [];
  for (const [shape, job] of Object.entries(jobs)) {
    // A payload that failed validation would time the error path instead.
    if (!retrieveExportJob_200(job)) throw new Error(`example ${shapes[shape as keyof typeof shapes]} does not validate: ${JSON.stringify(retrieveExportJob_200.errors)}`);
    tasks.push(
      { name: `normalizeExportJob, ${shape} shape`, fn: () => (sink = normalizeExportJob(job)) },
      { name: `generated retrieveExportJob_200 validator, ${shape} shape`, fn: () => (sink = retrieveExportJob_200(job)) },
      { name: `validateOperationPayload("retrieveExportJob", 200), ${shape} shape`, fn: async () => (sink = await validateOperationPayload("retrieveExportJob", 200, job)) },
    );
  }
  const results = await measure(tasks, { rounds: 12, timeMs: 50, warmupMs: 20, batch: 100 });
  for (const [name, summary] of results) report.record(SECTION, name, "ms", summary, "per job");
  for (const shape of Object.keys(shapes)) {
    const median = results.get(`generated retrieveExportJob_200 validator, ${shape} shape`)!.median;
    report.target(SECTION, `response validation per job, ${shape} shape`, median, "ms", "< 5 µs", median < VALIDATION_TARGET_MS);
  }

  // What turning validateResponses on costs a whole call: the check, on the body parsed once.
  const body = JSON.stringify(jobs.newest);
  const id = jobs.newest!.id;
  const clients = {
    "validateResponses: false": createExportJobsClient({ ...credentials, baseUrl: BASE_URL, fetch: stubFetch(body), validateResponses: false }),
    "validateResponses: true": createExportJobsClient({ ...credentials, baseUrl: BASE_URL, fetch: stubFetch(body), validateResponses: true }),
  };
  const calls = await measure(
    Object.entries(clients).map(([name, client]) => ({
      name,
      fn: async () => {
        const { data } = await client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } } });
        if (data?.id !== id) throw new Error("no job");
      },
    })),
    { rounds: 20, timeMs: 50, warmupMs: 20, batch: 10 },
  );
  for (const [name, summary] of calls) report.record(SECTION, `retrieve job, stub: ours, ${name}`, "ms", summary, "per call");
  const validated = report.compare(
    SECTION,
    "per call, stub: validateResponses true vs false",
    calls.get("validateResponses: true")!.median,
    calls.get("validateResponses: false")!.median,
    "validateResponses: false",
    { paired: { ours: calls.get("validateResponses: true")!.roundMedians, theirs: calls.get("validateResponses: false")!.roundMedians } },
  );
  report.target(SECTION, "a call with validateResponses vs without", validated.ratio, "ratio", `<= ${VALIDATED_CALL_TARGET_RATIO}x`, validated.ratio <= VALIDATED_CALL_TARGET_RATIO);
  void sink;
}
