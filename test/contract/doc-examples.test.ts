// Every payload the documentation variants show (test/fixtures/doc-examples/, written by
// `npm run extract:examples`), checked three ways: against the description, through the client,
// and through normalizeExportJob. The table says what each one is expected to be, so a new or
// changed fixture cannot pass unnoticed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocExample } from "../../scripts/lib/doc-examples.js";
import type { Repair } from "../../scripts/lib/lenient-json.js";
import {
  cancelExportJob,
  createExportJobsClient,
  normalizeExportJob,
  type CreateExportJobRequest,
  type ExportJob,
  type ExportJobsClient,
} from "../../src/index.js";
import { check } from "../support/openapi.js";

const FIXTURES = "test/fixtures/doc-examples";
const fixtures = new Map<string, DocExample>(
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f.slice(0, -".json".length), JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as DocExample]),
);
const decisionLog = readFileSync("openapi/README.md", "utf8");

// What test/fixtures/pages/README.md says about each variant (the committed copies of the source documents).
const VARIANTS: Record<string, { file: string; revision: string; language: string }> = {
  "000": { file: "000_3441314930b25bf8.txt", revision: "be2ad7a0", language: "pt" },
  "001": { file: "001_d728ec8ff33cbd98.txt", revision: "59dfa862", language: "it" },
  "002": { file: "002_36f7b9dc8c83912c.txt", revision: "bf90e478", language: "es" },
  "003": { file: "003_9a8f6f8c318a10ef.txt", revision: "3e393332", language: "de" },
  "004": { file: "004_e3a36fb95fc7752c.txt", revision: "16ebff52", language: "pt" },
};

/** Something a document shows that a decision is about; pinned, so that a changed fixture is noticed. */
interface Fact {
  shows: string;
  holds: (payload: any) => boolean;
}

type Expectation = {
  /** Decision log rows (openapi/README.md) this fixture illustrates. */
  decisions: string[];
  /** The defects the document has, by repair type, in the order they were repaired. */
  repairs: Repair["type"][];
  facts: Fact[];
} & (
  | { expect: "valid" }
  | {
      expect: "invalid-as-documented";
      /** Why the description rejects it where the document puts it. */
      reason: string;
      /** Where it does belong: a validator name, and the part of the payload it applies to. */
      validAs: { name: string; part?: (payload: any) => unknown };
    }
);

const batchesOf = (job: any) => job.destination?.batches;

function newerRevision(v: string, job722Status: string[], evaluationInfo: boolean): Record<string, Expectation> {
  return {
    [`${v}-listExportJobs-response-200`]: {
      expect: "valid",
      decisions: ["D5", "D13", "D19"],
      repairs: ["trailing-comma"],
      facts: [
        { shows: `job 722's segment status ${JSON.stringify(job722Status)}`, holds: (p) => p.records[1].id === 722 && equal(p.records[1].filter.segments[0].status, job722Status) },
        { shows: "link.next relative, with a slash after jobs", holds: (p) => p.link.next === "/export/jobs/?limit=2&offset=1538573416687_722" },
      ],
    },
    [`${v}-createExportJob-request`]: {
      expect: "valid",
      decisions: ["D10", "D11"],
      repairs: [],
      facts: [
        { shows: evaluationInfo ? "evaluationInfo.segmentation" : "no evaluationInfo", holds: (p) => (p.evaluationInfo?.segmentation === true) === evaluationInfo },
        { shows: "additionalFields.eventList.filter.toIngestTimestamp", holds: (p) => typeof p.additionalFields.eventList.filter.toIngestTimestamp === "string" },
      ],
    },
    [`${v}-createExportJob-response-200`]: {
      expect: "valid",
      decisions: ["D12", "D19"],
      repairs: ["trailing-comma"],
      facts: [{ shows: "a created job with status NEW", holds: (p) => p.status === "NEW" }],
    },
    [`${v}-createExportJob-response-200-destination`]: {
      expect: "invalid-as-documented",
      reason: "it is only the destination member of the job the create response shows (segmentPerBatch: true), not a whole job",
      validAs: { name: "schema_ExportJobDestination", part: (p) => p.destination },
      decisions: ["D6", "D7", "D8"],
      repairs: ["wrapped-fragment"],
      facts: [
        { shows: "the legacy dataSetId key, and no datasetId", holds: (p) => p.destination.dataSetId === "{DATASET_ID}" && !("datasetId" in p.destination) },
        { shows: "batches as an array", holds: (p) => Array.isArray(batchesOf(p)) && batchesOf(p).length === 2 },
        { shows: "one batch status an array, the other the bare string exited", holds: (p) => equal(batchesOf(p)[0].status, ["realized"]) && batchesOf(p)[1].status === "exited" },
      ],
    },
    [`${v}-retrieveExportJob-response-200`]: {
      expect: "valid",
      decisions: ["D15", "D20"],
      repairs: [],
      facts: [{ shows: "job 11037 with epoch-millisecond times", holds: (p) => p.id === 11037 && p.creationTime === 1538615973895 }],
    },
    [`${v}-cancelExportJob-response-204`]: {
      expect: "invalid-as-documented",
      reason: "the document shows a JSON body under HTTP 204, and a 204 has no body: cancelExportJob_204 rejects any",
      validAs: { name: "cancelExportJob_200" },
      decisions: ["D9", "D19"],
      repairs: [],
      facts: [{ shows: "the acknowledgement body", holds: (p) => p.status === true && p.message === "Export job has been marked for cancelling" }],
    },
  };
}

const table: Record<string, Expectation> = {
  ...newerRevision("000", ["realized"], true),
  ...newerRevision("002", ["realized"], true),
  ...newerRevision("001", ["realized", "existing"], true),
  ...newerRevision("003", ["realized", "existing"], false),
  "004-listExportJobs-response-200": {
    expect: "valid",
    decisions: ["D6", "D11", "D13"],
    repairs: [],
    facts: [
      { shows: "batches as one object, not an array", holds: (p) => !Array.isArray(batchesOf(p.records[0])) && batchesOf(p.records[0]).batchId !== undefined },
      { shows: 'the placeholder link.next "string" and pageSize 10', holds: (p) => p.link.next === "string" && p.page.pageSize === 10 },
      { shows: "metrics.aCPDatasetWriteTime and computeGatewayJobId.pushJob", holds: (p) => "aCPDatasetWriteTime" in p.records[0].metrics && "pushJob" in p.records[0].computeGatewayJobId },
    ],
  },
  "004-createExportJob-request": {
    expect: "valid",
    decisions: ["D10", "D11"],
    repairs: [],
    facts: [
      { shows: "no toIngestTimestamp and no evaluationInfo", holds: (p) => !("toIngestTimestamp" in p.additionalFields.eventList.filter) && !("evaluationInfo" in p) },
      { shows: "destination with datasetId only", holds: (p) => equal(Object.keys(p.destination), ["datasetId"]) },
    ],
  },
  "004-createExportJob-response-200": {
    expect: "valid",
    decisions: ["D6", "D12"],
    repairs: [],
    facts: [
      { shows: "status SUCCEEDED, copied from the retrieve example: still a valid job", holds: (p) => p.status === "SUCCEEDED" },
      { shows: "batches as one object", holds: (p) => !Array.isArray(batchesOf(p)) },
    ],
  },
  "004-retrieveExportJob-response-200": {
    expect: "valid",
    decisions: ["D6", "D11"],
    repairs: [],
    facts: [{ shows: "batches as one object with a status array", holds: (p) => equal(batchesOf(p).status, ["realized"]) }],
  },
  "004-cancelExportJob-response-200": {
    expect: "valid",
    decisions: ["D9"],
    repairs: [],
    facts: [{ shows: "the acknowledgement under HTTP 200", holds: (p) => p.status === true && typeof p.message === "string" }],
  },
};

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The validator for a fixture where the document puts it: the request body, or the response for the stated status. */
function validatorName(fixture: DocExample): string {
  return fixture.kind === "request" ? `${fixture.operationId}_body` : `${fixture.operationId}_${fixture.status}`;
}

const names = [...fixtures.keys()];
const fixture = (name: string) => fixtures.get(name)!;

describe("the fixtures and the table that classifies them", () => {
  it("finds the examples of all five variants", () => {
    expect(new Set(names.map((n) => n.slice(0, 3)))).toEqual(new Set(Object.keys(VARIANTS)));
  });

  it("classifies every fixture", () => {
    expect(names.filter((n) => !(n in table))).toEqual([]);
  });

  it("names no fixture that does not exist", () => {
    expect(Object.keys(table).filter((n) => !fixtures.has(n))).toEqual([]);
  });

  it("refers only to rows of the decision log", () => {
    const rows = new Set(Object.values(table).flatMap((e) => e.decisions));
    for (const id of rows) expect(decisionLog, id).toContain(`| ${id} |`);
  });

  it("shows the same payloads in the newest Portuguese and Spanish variants, whose code is identical", () => {
    for (const name of names.filter((n) => n.startsWith("000-"))) {
      const spanish = fixture(name.replace(/^000-/, "002-"));
      expect([spanish.raw, spanish.payload, spanish.repairs], name).toEqual([fixture(name).raw, fixture(name).payload, fixture(name).repairs]);
    }
  });
});

describe.each(names)("%s", (name) => {
  const fx = fixture(name);
  const expectation = table[name];

  it("records provenance that agrees with its name and its variant", () => {
    const prefix = name.slice(0, 3);
    expect({ variant: fx.variant, revision: fx.revision, language: fx.language }).toEqual({
      variant: VARIANTS[prefix]!.file,
      revision: VARIANTS[prefix]!.revision,
      language: VARIANTS[prefix]!.language,
    });
    const parts = [prefix, fx.operationId, fx.kind, ...(fx.status === null ? [] : [fx.status]), ...(fx.fragment === null ? [] : [fx.fragment])];
    expect(name).toBe(parts.join("-"));
    expect(fx.kind === "response").toBe(typeof fx.status === "number");
    expect(fx.section.heading.length).toBeGreaterThan(0);
  });

  it(`is ${expectation?.expect ?? "unclassified"} against ${validatorName(fx)}`, () => {
    expect(expectation, "not in the table").toBeDefined();
    const verdict = check(validatorName(fx), fx.payload);
    if (expectation!.expect === "valid") {
      expect(verdict.errors).toEqual([]);
      expect(verdict.valid).toBe(true);
      return;
    }
    // Invalid as documented: rejected where the document puts it, valid where it belongs.
    expect(verdict.valid, expectation!.reason).toBe(false);
    const { name: validAs, part = (p: unknown) => p } = expectation!.validAs;
    expect(check(validAs, part(fx.payload)).errors, `as ${validAs}`).toEqual([]);
  });

  it("shows what the table says it shows", () => {
    for (const fact of expectation?.facts ?? []) expect(fact.holds(fx.payload), fact.shows).toBe(true);
  });

  it("had exactly the recorded repairs, each needed and each where it says", () => {
    expect(fx.repairs.map((r) => r.type)).toEqual(expectation?.repairs);
    expect(reparse(fx.raw, fx.repairs)).toEqual(fx.payload);
    fx.repairs.forEach((repair, i) => {
      const without = fx.repairs.filter((_, j) => j !== i);
      expect(() => reparse(fx.raw, without), `${repair.type} is needed`).toThrow(SyntaxError);
      if (repair.type === "trailing-comma") {
        expect(fx.raw[repair.offset]).toBe(",");
        expect(fx.line + fx.raw.slice(0, repair.offset).split("\n").length - 1).toBe(repair.line);
      }
    });
  });
});

/** Applies the recorded repairs to the raw text, independently of the extractor, and parses it. */
function reparse(raw: string, repairs: Repair[]): unknown {
  let text = raw;
  const commas = repairs.flatMap((r) => (r.type === "trailing-comma" ? [r.offset] : [])).sort((a, b) => b - a);
  for (const at of commas) text = text.slice(0, at) + text.slice(at + 1);
  for (const repair of repairs) {
    if (repair.type === "wrapped-fragment") text = `{${text}}`;
    else if (repair.type !== "trailing-comma") throw new Error(`unknown repair ${JSON.stringify(repair)}`);
  }
  return JSON.parse(text);
}

// ---- through the client ----

const BASE_URL = "https://platform.adobe.io/data/core/ups";

function serving(body: unknown, status: number) {
  const requests: Request[] = [];
  const client = createExportJobsClient({
    accessToken: "doc-examples-token",
    apiKey: "doc-examples-key",
    orgId: "1BD6382559DF0C130A49422D@AdobeOrg",
    retry: false,
    validateRequests: true,
    validateResponses: true,
    fetch: async (input, init) => {
      requests.push(input instanceof Request ? input : new Request(input, init));
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    },
  });
  return { client, requests };
}

/** A job around the destination fragment, so that it can be served and normalized as a whole. */
const jobAround = (destination: unknown) => ({ id: 100, status: "NEW", destination }) as ExportJob;

const createBodyOf = (variant: string) =>
  (fixtures.get(`${variant.slice(0, 3)}-createExportJob-request`)?.payload ?? {
    destination: { datasetId: "5b7c86968f7b6501e21ba9df" },
    schema: { name: "_xdm.context.profile" },
  }) as CreateExportJobRequest;

type Call = (client: ExportJobsClient) => Promise<{ data?: unknown; error?: unknown }>;

/** The request that fetches a fixture's payload, the payload served, and the status it is served with. */
function exchange(fx: DocExample): { call: Call; method: string; path: string; served: unknown; status: number } {
  const payload = fx.fragment === "destination" ? jobAround((fx.payload as { destination: unknown }).destination) : fx.payload;
  // A Response cannot carry a body with 204 (see below): the body the documents show under 204 is served with 200, as D9 decides.
  const status = fx.status === 204 ? 200 : fx.status!;
  switch (fx.fragment === "destination" ? "retrieveExportJob" : fx.operationId) {
    case "listExportJobs":
      return { call: (c) => c.GET("/export/jobs", { params: { query: { limit: 2 } } }), method: "GET", path: "/export/jobs?limit=2", served: payload, status };
    case "createExportJob":
      return { call: (c) => c.POST("/export/jobs", { body: createBodyOf(fx.variant) }), method: "POST", path: "/export/jobs", served: payload, status };
    case "retrieveExportJob":
      return { call: (c) => c.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 100 } } }), method: "GET", path: "/export/jobs/100", served: payload, status };
    case "cancelExportJob":
      return { call: (c) => c.DELETE("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 100 } } }), method: "DELETE", path: "/export/jobs/100", served: payload, status };
  }
}

const responses = names.filter((n) => fixture(n).kind === "response");
const requests = names.filter((n) => fixture(n).kind === "request");

describe("served to the client", () => {
  it.each(responses)("%s: the client returns the payload as data, validated and unchanged", async (name) => {
    const { call, method, path, served, status } = exchange(fixture(name));
    const { client, requests: sent } = serving(served, status);
    const { data, error } = await call(client);
    expect(error).toBeUndefined();
    expect(data).toEqual(served);
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([`${method} ${BASE_URL}${path}`]);
  });

  it.each(requests)("%s: the client sends the documented body as it is, and its request check accepts it", async (name) => {
    const body = fixture(name).payload as CreateExportJobRequest;
    const { client, requests: sent } = serving(fixture(name.replace(/request$/, "response-200")).payload, 200);
    const { error } = await client.POST("/export/jobs", { body });
    expect(error).toBeUndefined();
    expect(await sent[0]!.json()).toEqual(body);
  });

  it("cannot be served a body under 204 at all: fetch's Response refuses it", () => {
    expect(() => new Response(JSON.stringify({ status: true }), { status: 204 })).toThrow(TypeError);
  });

  it.each(names.filter((n) => fixture(n).operationId === "cancelExportJob"))("%s: cancelExportJob reports the acknowledgement", async (name) => {
    const { client } = serving(fixture(name).payload, 200);
    const result = await cancelExportJob(client, 100);
    expect(result).toMatchObject({ jobId: 100, httpStatus: 200, accepted: true, message: "Export job has been marked for cancelling" });
  });
});

// ---- through normalization ----

/** Every job the documents show: retrieve and create responses, each list record, the destination fragment in a job. */
const jobs: [string, ExportJob][] = names.flatMap((name): [string, ExportJob][] => {
  const fx = fixture(name);
  if (fx.fragment === "destination") return [[name, jobAround((fx.payload as { destination: unknown }).destination)]];
  if (fx.kind !== "response") return [];
  if (fx.operationId === "listExportJobs") return (fx.payload as { records: ExportJob[] }).records.map((job, i) => [`${name} records[${i}]`, job]);
  if (fx.operationId === "retrieveExportJob" || fx.operationId === "createExportJob") return [[name, fx.payload as ExportJob]];
  return [];
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("normalized", () => {
  it("covers every job the documents show", () => {
    // 4 newer variants × (2 list records + create + fragment + retrieve) and the oldest's list record, create and retrieve.
    expect(jobs).toHaveLength(4 * 5 + 3);
  });

  it.each(jobs)("%s: batches an array of batches whose status is an array, datasetId and never dataSetId", (_, job) => {
    const before = structuredClone(job);
    const normalized = normalizeExportJob(deepFreeze(structuredClone(job)));
    const destination = normalized.destination!;
    const original = job.destination!;

    expect(destination).not.toHaveProperty("dataSetId");
    expect(destination.datasetId).toBe(original.datasetId ?? original.dataSetId);
    expect(destination.datasetId).toEqual(expect.any(String));
    if (original.batches === undefined) {
      // A job created without segmentPerBatch names its one batch in batchId; none before it runs.
      expect(destination.batches).toEqual(original.batchId === undefined ? [] : [{ batchId: original.batchId }]);
    } else {
      expect(Array.isArray(destination.batches)).toBe(true);
      expect(destination.batches).toHaveLength(Array.isArray(original.batches) ? original.batches.length : 1);
      for (const batch of destination.batches!) expect(Array.isArray(batch.status)).toBe(true);
    }
    const { destination: _d, ...rest } = normalized;
    const { destination: _o, ...originalRest } = job;
    expect(rest).toEqual(originalRest);
    expect(check("schema_ExportJob", normalized).errors).toEqual([]);
    expect(normalizeExportJob(normalized as ExportJob)).toEqual(normalized);
    expect(job).toEqual(before);
  });
});
