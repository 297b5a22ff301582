// The alternative a user would pick: an SDK generated from the same description by
// @hey-api/openapi-ts, with its default fetch client. Compared on per-call cost, bundle size and
// the time TypeScript takes to check the same program written against each.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ExportJob } from "../src/index.js";
import { createExportJobsClient } from "./lib/shipped-client.js";
import { measureBundle } from "./lib/bundle-size.js";
import { exampleValue } from "./lib/examples.js";
import { generateHeyApiSdk, heyApiClientEntry, heyApiSdkEntry } from "./lib/hey-api-sdk.js";
import { measure } from "./lib/measure.js";
import { fromRoot, tmpRoot } from "./lib/paths.js";
import type { Report } from "./lib/report.js";
import { BASE_URL, credentials, staticHeaders, stubFetch } from "./lib/stub-transport.js";
import { typeCheckTimes } from "./lib/type-check.js";

const SECTION = "hey-api";

// Only what a call needs from the generated SDK; it is loaded at run time, once generated.
interface HeyApiClientModule {
  createClient(config: object): unknown;
  createConfig(config: object): object;
}
interface HeyApiSdkModule {
  retrieveExportJob(options: { client: unknown; path: { EXPORT_JOB_ID: number } }): Promise<{ data?: ExportJob }>;
}

function expectJob(data: ExportJob | undefined, id: number): void {
  if (data?.id !== id) throw new Error(`expected job ${id}, got ${JSON.stringify(data)?.slice(0, 80)}`);
}

async function perCall(report: Report): Promise<void> {
  const job = exampleValue<ExportJob>("job-succeeded");
  const fetchImpl = stubFetch(JSON.stringify(job));
  const heyClient: HeyApiClientModule = await import(pathToFileURL(heyApiClientEntry).href);
  const heySdk: HeyApiSdkModule = await import(pathToFileURL(heyApiSdkEntry).href);
  // The peer at its cheapest: credentials as static headers, which its security handling then skips.
  const theirs = heyClient.createClient(heyClient.createConfig({ baseUrl: BASE_URL, fetch: fetchImpl, headers: staticHeaders }));
  const ours = createExportJobsClient({ ...credentials, baseUrl: BASE_URL, fetch: fetchImpl, validateResponses: false });
  const params = { path: { EXPORT_JOB_ID: job.id } };
  const results = await measure(
    [
      { name: "ours", fn: async () => expectJob((await ours.GET("/export/jobs/{EXPORT_JOB_ID}", { params })).data, job.id) },
      { name: "hey-api", fn: async () => expectJob((await heySdk.retrieveExportJob({ client: theirs, ...params })).data, job.id) },
    ],
    { rounds: 30, timeMs: 50, warmupMs: 20, batch: 10 },
  );
  const ourCall = results.get("ours")!;
  const theirCall = results.get("hey-api")!;
  report.record(SECTION, "retrieve job, stub: ours client.GET", "ms", ourCall, "per call");
  report.record(SECTION, "retrieve job, stub: hey-api retrieveExportJob", "ms", theirCall, "per call");
  report.compare(SECTION, "per call, stub: ours vs hey-api", ourCall.median, theirCall.median, "hey-api", {
    paired: { ours: ourCall.roundMedians, theirs: theirCall.roundMedians },
  });
}

const sizeEntries = {
  ours: (dir: string) => `import { createExportJobsClient, retrieveExportJob } from ${JSON.stringify(fromRoot("src/index.ts"))};

const client = createExportJobsClient({ accessToken: "token", apiKey: "api-key", orgId: "ORG@AdobeOrg" });
console.log(await retrieveExportJob(client, 11037));
`,
  "hey-api": () => `import { createClient, createConfig } from ${JSON.stringify(heyApiClientEntry)};
import { retrieveExportJob } from ${JSON.stringify(heyApiSdkEntry)};

const client = createClient(
  createConfig({
    baseUrl: "https://platform.adobe.io/data/core/ups",
    headers: { Authorization: "Bearer token", "x-api-key": "api-key", "x-gw-ims-org-id": "ORG@AdobeOrg", "x-sandbox-name": "prod" },
  }),
);
console.log(await retrieveExportJob({ client, path: { EXPORT_JOB_ID: 11037 } }));
`,
};

async function bundleSizes(report: Report): Promise<void> {
  const sizes: Record<string, Awaited<ReturnType<typeof measureBundle>>> = {};
  for (const [name, source] of Object.entries(sizeEntries)) {
    const dir = join(tmpRoot, "size", name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, "entry.ts");
    writeFileSync(entry, source(dir));
    sizes[name] = await measureBundle(entry, join(dir, "out"));
    report.record(SECTION, `bundle, create client + one call: ${name}, min+gzip`, "bytes", { median: sizes[name].initial.gzipped });
    report.record(SECTION, `bundle, create client + one call: ${name}, minified`, "bytes", { median: sizes[name].initial.minified });
    if (sizes[name].lazy.minified > 0) {
      report.record(SECTION, `bundle: ${name}, chunks loaded on demand, min+gzip`, "bytes", { median: sizes[name].lazy.gzipped });
    }
  }
  const ours = sizes.ours!.initial.gzipped;
  const theirs = sizes["hey-api"]!.initial.gzipped;
  report.compare(SECTION, "bundle min+gzip: ours vs hey-api", ours, theirs, "hey-api");
  report.target(SECTION, "bundle to make one call, min+gzip: ours", ours, "bytes", `<= hey-api's ${(theirs / 1024).toFixed(1)} KiB`, ours <= theirs);
  // Where the bytes go, so that a missed target says what to look at.
  const openapiFetch = Object.entries(sizes.ours!.initialInputs).find(([input]) => input.startsWith("openapi-fetch/"))?.[1] ?? 0;
  report.record(SECTION, "bundle, create client + one call: ours, of which openapi-fetch, minified", "bytes", { median: openapiFetch });
  report.detail("bundleSizes", sizes);
}

async function typeCheck(report: Report): Promise<void> {
  const times = await typeCheckTimes();
  for (const name of ["ours", "hey-api"] as const) {
    report.record(SECTION, `tsc --noEmit, consumer program: ${name}`, "ms", times[name].wall, "wall");
    report.record(SECTION, `tsc --noEmit, consumer program: ${name}`, "ms", times[name].check, "tsc Check time");
  }
  for (const measure of ["wall", "check"] as const) {
    const ours = times.ours[measure];
    const theirs = times["hey-api"][measure];
    report.compare(SECTION, `tsc ${measure === "wall" ? "wall time" : "Check time"}: ours vs hey-api`, ours.median, theirs.median, "hey-api", {
      paired: { ours: times.ours.runs[measure], theirs: times["hey-api"].runs[measure] },
    });
  }
  report.detail("typeCheck", times);
}

export async function run(report: Report): Promise<void> {
  const generationMs = await generateHeyApiSdk();
  report.record(SECTION, "generate the hey-api SDK from dist/openapi.json", "ms", { median: generationMs, samples: 1 });
  await perCall(report);
  await bundleSizes(report);
  await typeCheck(report);
}
