// What one typed call costs through our middleware, next to the same call made with bare
// openapi-fetch and with plain fetch: first on an in-process stub (the client's own cost),
// then over loopback HTTP (what that cost amounts to next to a real, if short, round trip).
import createClient from "openapi-fetch";
import type { ExportJob, paths } from "../src/index.js";
import { createExportJobsClient } from "./lib/shipped-client.js";
import { exampleValue } from "./lib/examples.js";
import { measure, type BenchTask } from "./lib/measure.js";
import type { Report } from "./lib/report.js";
import { BASE_URL, credentials, startLoopbackServer, staticHeaders, stubFetch } from "./lib/stub-transport.js";

const SECTION = "client-call";
export const OURS_TARGET_RATIO = 1.05;

function expectJob(data: ExportJob | undefined, id: number): void {
  // Checked on every call, equally for every client, so that no client can skip parsing the body.
  if (data?.id !== id) throw new Error(`expected job ${id}, got ${JSON.stringify(data)?.slice(0, 80)}`);
}

export function retrieveTasks(baseUrl: string, fetchImpl: typeof fetch | undefined, id: number): BenchTask[] {
  // Retries at their default; response validation off, as a client is created by default.
  const ours = createExportJobsClient({ ...credentials, baseUrl, validateResponses: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  // Only to tell how much of our cost is the retry middleware's.
  const oursWithoutRetry = createExportJobsClient({ ...credentials, baseUrl, retry: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const bare = createClient<paths>({ baseUrl, headers: staticHeaders, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const rawFetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  const url = `${baseUrl}/export/jobs/${id}`;
  const params = { path: { EXPORT_JOB_ID: id } };
  return [
    {
      name: "ours",
      fn: async () => expectJob((await ours.GET("/export/jobs/{EXPORT_JOB_ID}", { params })).data, id),
    },
    {
      name: "ours, no retry",
      fn: async () => expectJob((await oursWithoutRetry.GET("/export/jobs/{EXPORT_JOB_ID}", { params })).data, id),
    },
    {
      name: "bare openapi-fetch",
      fn: async () => expectJob((await bare.GET("/export/jobs/{EXPORT_JOB_ID}", { params })).data, id),
    },
    {
      name: "raw fetch",
      fn: async () => {
        const response = await rawFetch(url, { headers: staticHeaders });
        expectJob((await response.json()) as ExportJob, id);
      },
    },
  ];
}

const labels: Record<string, string> = {
  ours: "ours: createExportJobsClient, client.GET",
  "ours, no retry": "ours with retry: false",
  "bare openapi-fetch": "bare openapi-fetch, static headers",
  "raw fetch": "raw fetch + res.json()",
};

export async function run(report: Report): Promise<void> {
  const job = exampleValue<ExportJob>("job-succeeded");
  const body = JSON.stringify(job);

  const stub = await measure(retrieveTasks(BASE_URL, stubFetch(body), job.id), { rounds: 30, timeMs: 50, warmupMs: 20, batch: 10 });
  for (const [name, summary] of stub) report.record(SECTION, `retrieve job, stub: ${labels[name]}`, "ms", summary, "per call");

  const server = await startLoopbackServer(body);
  let loopback;
  try {
    loopback = await measure(retrieveTasks(server.baseUrl, undefined, job.id).filter((task) => task.name !== "ours, no retry"), { rounds: 12, timeMs: 80, warmupMs: 20 });
  } finally {
    await server.close();
  }
  for (const [name, summary] of loopback) report.record(SECTION, `retrieve job, loopback http: ${labels[name]}`, "ms", summary, "per call");

  const versus = (results: typeof stub, where: string, peer: string) => {
    const ours = results.get("ours")!;
    const theirs = results.get(peer)!;
    return report.compare(SECTION, `per call, ${where}: ours vs ${peer}`, ours.median, theirs.median, peer, {
      paired: { ours: ours.roundMedians, theirs: theirs.roundMedians },
    });
  };
  const vsBare = versus(stub, "stub", "bare openapi-fetch");
  versus(stub, "stub", "raw fetch");
  versus(loopback, "loopback", "bare openapi-fetch");
  versus(loopback, "loopback", "raw fetch");
  report.target(SECTION, "ours / bare openapi-fetch per call on the stub", vsBare.ratio, "ratio", `<= ${OURS_TARGET_RATIO}x`, vsBare.ratio <= OURS_TARGET_RATIO);
  report.detail("clientCall", {
    payloadBytes: Buffer.byteLength(body),
    stubCallsPerSample: 10,
    ratios: "median of per-round ratios; each round samples every client in turn, in rotating order",
    ours: "createExportJobsClient at its defaults: credentials, a fresh x-request-id, the per-attempt timeout and body cap, retries; no validation",
    bare: "openapi-fetch createClient with the same four headers as static options",
    raw: "fetch(url, { headers }) then res.json()",
  });
}
