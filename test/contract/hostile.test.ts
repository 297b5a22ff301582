// A server that misbehaves on purpose, on loopback: it redirects, echoes credentials back in every
// form, never answers, answers too much, or answers with the wrong shape. The client's promises
// must hold against each: credentials stay with the API's origin, a create is sent once, no secret
// appears in an error, and no call waits forever.
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  cancelExportJob,
  createExportJob,
  createExportJobsClient,
  ExportJobsApiError,
  ExportJobsConfigError,
  ExportJobsNetworkError,
  ExportJobsPaginationError,
  ExportJobsValidationError,
  iterateExportJobs,
  retrieveExportJob,
  type ExportJobsClientOptions,
} from "../../src/index.js";
import { closeScriptedServers, json, scriptedServer, type Behaviour, type ScriptedServer } from "../support/scripted-server.js";

const TOKEN = "S3cr3t-hostile-token";
const API_KEY = "S3cr3t-hostile-api-key";
const ORG_ID = "1BD6382559DF0C130A49422D@AdobeOrg";
const SANDBOX = "hostile-sandbox";
const CREDENTIAL_HEADERS = ["authorization", "x-api-key", "x-gw-ims-org-id", "x-sandbox-name"];

afterEach(closeScriptedServers);

function clientFor(server: ScriptedServer, options: Partial<ExportJobsClientOptions> = {}) {
  return createExportJobsClient({
    accessToken: TOKEN,
    apiKey: API_KEY,
    orgId: ORG_ID,
    sandboxName: SANDBOX,
    baseUrl: server.url,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 50 },
    ...options,
  });
}

type Operation = "retrieve" | "cancel" | "create" | "list, second page";

const NEW_JOB = { destination: { datasetId: "ds" }, schema: { name: "_xdm.context.profile" } };

async function run(operation: Operation, client: ReturnType<typeof clientFor>, signal?: AbortSignal): Promise<unknown> {
  const options = signal ? { signal } : {};
  if (operation === "retrieve") return retrieveExportJob(client, 7, options);
  if (operation === "cancel") return cancelExportJob(client, 7, options);
  if (operation === "create") return createExportJob(client, NEW_JOB, options);
  const jobs: unknown[] = [];
  for await (const job of iterateExportJobs(client, { limit: 1 }, options)) jobs.push(job);
  return jobs;
}

/** The failure of a call, checked to carry no credential in any form a program could show it. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  const error = outcome.error as Error;
  expect(error).toBeInstanceOf(Error);
  const views = [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)];
  for (const view of views) for (const secret of [TOKEN, API_KEY]) expect(view).not.toContain(secret);
  return error;
}

const firstPage = (next: string) => json(200, { records: [{ id: 1, status: "SUCCEEDED" }], link: { next } });

describe("redirects are never followed", () => {
  const operations: Operation[] = ["retrieve", "cancel", "create", "list, second page"];
  const statuses = [301, 302, 303, 307, 308];

  describe.each(operations)("%s", (operation) => {
    it.each(statuses)("answered %i to another origin: an error naming it, nothing sent there", async (status) => {
      const elsewhere = await scriptedServer(json(200, { id: 9, status: "SUCCEEDED", records: [] }));
      const redirect: Behaviour = { status, headers: { location: `${elsewhere.origin}/steal?from=api` } };
      const api = await scriptedServer(...(operation === "list, second page" ? [firstPage("/export/jobs/?limit=1&offset=o2"), redirect] : [redirect]));
      const error = await failureOf(run(operation, clientFor(api)));
      expect(error).toBeInstanceOf(ExportJobsApiError);
      expect((error as ExportJobsApiError).status).toBe(status);
      expect(error.message).toContain(`redirected the request to ${elsewhere.origin}`);
      expect(elsewhere.received).toEqual([]);
      // A redirect is an answer, not a failure that may pass: it is not repeated either.
      expect(api.received).toHaveLength(operation === "list, second page" ? 2 : 1);
      const mayExist = operation === "create" && status !== 307 && status !== 308;
      expect((error as ExportJobsApiError).mayHaveTakenEffect).toBe(mayExist);
    });
  });

  it("a create answered by a 307 loop reaches the server once", async () => {
    const api = await scriptedServer({ status: 307, headers: { location: "/export/jobs" } });
    await failureOf(run("create", clientFor(api)));
    expect(api.received).toHaveLength(1);
  });

  it("a create answered by a 303 to the job list does not return the list as the created job", async () => {
    const api = await scriptedServer({ status: 303, headers: { location: "/export/jobs" } }, json(200, { records: [] }));
    const error = await failureOf(run("create", clientFor(api)));
    expect(error.message).toMatch(/HTTP 303/);
    expect((error as ExportJobsApiError).mayHaveTakenEffect).toBe(true);
    expect(api.received.map((r) => r.method)).toEqual(["POST"]);
  });

  it("a fetch that follows redirects anyway is caught by where its answer came from", async () => {
    const elsewhere = await scriptedServer(json(200, { id: 9, status: "SUCCEEDED" }));
    const api = await scriptedServer({ status: 302, headers: { location: elsewhere.origin } });
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: "follow" });
    const error = await failureOf(run("retrieve", clientFor(api, { fetch: following })));
    expect(error.message).toContain(elsewhere.origin);
  });
});

describe("credentials go only where the client was pointed", () => {
  it("sends every credential header to the API on every attempt, and a fresh request id each time", async () => {
    const api = await scriptedServer(json(503, {}), json(200, { id: 7, status: "NEW" }));
    await run("retrieve", clientFor(api));
    expect(api.received).toHaveLength(2);
    for (const received of api.received) for (const header of CREDENTIAL_HEADERS) expect(received.headers[header]).toBeTruthy();
    expect(new Set(api.received.map((r) => r.headers["x-request-id"])).size).toBe(2);
  });

  it.each([
    ["a user name and password", "http://user:pa55word-in-url@127.0.0.1:1"],
    ["plain http to another machine", "http://platform.adobe.io/data/core/ups"],
    ["another scheme", "ftp://127.0.0.1/data"],
  ])("refuses a baseUrl with %s, without quoting it", (_what, baseUrl) => {
    const create = () => createExportJobsClient({ accessToken: TOKEN, apiKey: API_KEY, orgId: ORG_ID, baseUrl });
    expect(create).toThrow(ExportJobsConfigError);
    expect(create).toThrow(/^baseUrl /);
    expect(() => create()).not.toThrow(/pa55word/);
  });
});

describe("secrets never appear in an error", () => {
  const echoes: [string, (secret: string) => string][] = [
    ["raw", (s) => s],
    ["with JSON \\u escapes", (s) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
    ["with upper-case \\u escapes, one letter in two", (s) => [...s].map((c, i) => (i % 2 ? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : c)).join("")],
    ["percent-encoded", (s) => encodeURIComponent(s).replace(/-/g, "%2D")],
    ["as HTML character references", (s) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join("")],
  ];

  it.each(echoes)("an error body that echoes the credentials %s", async (_form, encode) => {
    const body = `{"title":"Forbidden","detail":"token ${encode(TOKEN)} key ${encode(API_KEY)}","${encode(API_KEY)}":"${encode(TOKEN)}"}`;
    const api = await scriptedServer({ status: 403, headers: { "content-type": "application/json" }, body });
    const error = await failureOf(run("retrieve", clientFor(api)));
    expect(error.message).toContain("[redacted]");
  });

  it.each(echoes)("a 2xx body that is not JSON and echoes the credentials %s", async (_form, encode) => {
    const api = await scriptedServer({ status: 200, headers: { "content-type": "text/plain" }, body: `echo ${encode(TOKEN)} ${encode(API_KEY)}` });
    const error = (await failureOf(run("create", clientFor(api)))) as ExportJobsApiError;
    expect(error.body).toContain("[redacted]");
    expect(error.mayHaveTakenEffect).toBe(true);
  });

  it("a 2xx JSON body of the wrong shape that echoes the credentials", async () => {
    const api = await scriptedServer(json(200, [TOKEN, { [API_KEY]: TOKEN }]));
    const error = (await failureOf(run("retrieve", clientFor(api)))) as ExportJobsApiError;
    expect(JSON.stringify(error.body)).toContain("[redacted]");
  });

  it("a response checked with validateResponses quotes what the server sent, scrubbed", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: TOKEN, destination: { datasetId: API_KEY } }));
    const error = await failureOf(run("retrieve", clientFor(api, { validateResponses: true })));
    expect(error).toBeInstanceOf(ExportJobsValidationError);
    expect(error.message).toContain("[redacted]");
  });

  it("a token function that returns a token with a line break: a config error, nothing sent, nothing quoted", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "NEW" }));
    const badToken = `${TOKEN}\r\nx-injected: 1`;
    const error = await failureOf(run("create", clientFor(api, { accessToken: async () => badToken })));
    expect(error).toBeInstanceOf(ExportJobsConfigError);
    expect(error.message).toMatch(/accessToken/);
    expect(inspect(error)).not.toContain("x-injected");
    expect(api.received).toEqual([]);
  });

  it("a fixed token with a line break is refused at creation", () => {
    expect(() => createExportJobsClient({ accessToken: `${TOKEN}\n`, apiKey: API_KEY, orgId: ORG_ID })).toThrow(ExportJobsConfigError);
  });

  it("short test credentials do not mangle messages", async () => {
    const api = await scriptedServer(json(404, { type: "https://ns.adobe.com/aep/errors/UPAPI-404", title: "Not found", status: 404 }));
    const client = createExportJobsClient({ accessToken: "t", apiKey: "k", orgId: "o", baseUrl: api.url, retry: false });
    const error = (await retrieveExportJob(client, 7).catch((e: unknown) => e)) as ExportJobsApiError;
    expect(error.message).toContain("Not found");
    expect(JSON.stringify(error.body)).toContain("https://ns.adobe.com/aep/errors/UPAPI-404");
    expect(error.message).not.toContain("[redacted]");
  });
});

describe("every wait is bounded", () => {
  it.each(["retrieve", "cancel"] as const)("%s: an answer that never comes times out per attempt, and is retried", async (operation) => {
    const api = await scriptedServer("no-response");
    const error = await failureOf(run(operation, clientFor(api, { timeoutMs: 150 })));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect((error as ExportJobsNetworkError).timedOut).toBe(true);
    expect((error as ExportJobsNetworkError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain((error as ExportJobsNetworkError).requestId);
    expect(api.received).toHaveLength(3);
  });

  it("a create that gets no answer in time is sent once and may have taken effect", async () => {
    const api = await scriptedServer("no-response");
    const error = (await failureOf(run("create", clientFor(api, { timeoutMs: 150 })))) as ExportJobsNetworkError;
    expect(error.timedOut).toBe(true);
    expect(error.mayHaveTakenEffect).toBe(true);
    expect(api.received).toHaveLength(1);
  });

  it("a body that stalls after its headers times out too", async () => {
    const api = await scriptedServer("stall-body");
    const error = await failureOf(run("retrieve", clientFor(api, { timeoutMs: 150, retry: false })));
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(api.received).toHaveLength(1);
  });

  it("a token function that never settles: the caller's abort ends the call, nothing is sent", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "NEW" }));
    const controller = new AbortController();
    const pending = run("retrieve", clientFor(api, { accessToken: () => new Promise<string>(() => {}) }), controller.signal);
    setTimeout(() => controller.abort(new Error("caller gave up")), 20);
    expect((await failureOf(pending)).message).toBe("caller gave up");
    expect(api.received).toEqual([]);
  });

  it("a token function that never settles: the attempt's timeout ends a create, which was never sent", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "NEW" }));
    const error = (await failureOf(run("create", clientFor(api, { accessToken: () => new Promise<string>(() => {}), timeoutMs: 100 })))) as ExportJobsNetworkError;
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error.mayHaveTakenEffect).toBe(false);
    expect(api.received).toEqual([]);
  });

  it("a small gzip body that expands past the cap is a typed error, read no further", async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const api = await scriptedServer({ status: 200, headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: bomb });
    const error = (await failureOf(run("create", clientFor(api)))) as ExportJobsApiError;
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error.message).toContain("larger than 16777216 bytes (maxResponseBytes)");
    expect(error.mayHaveTakenEffect).toBe(true);
    expect(api.received).toHaveLength(1);
  });

  it("an error answer larger than maxResponseBytes is a typed error too", async () => {
    const api = await scriptedServer({ status: 500, body: "x".repeat(5_000) });
    const error = (await failureOf(run("retrieve", clientFor(api, { maxResponseBytes: 1_000, retry: false })))) as ExportJobsApiError;
    expect(error.message).toContain("larger than 1000 bytes");
  });

  it("paging stops after maxPages when the server keeps inventing offsets", async () => {
    const api = await scriptedServer((received) => firstPage(`/export/jobs?limit=1&offset=o${received.path.length}-${Math.random()}`));
    const jobs: unknown[] = [];
    const error = await failureOf(
      (async () => {
        for await (const job of iterateExportJobs(clientFor(api), {}, { maxPages: 5 })) jobs.push(job);
      })(),
    );
    expect(error).toBeInstanceOf(ExportJobsPaginationError);
    expect(error.message).toContain("maxPages");
    expect(api.received).toHaveLength(5);
    expect(jobs).toHaveLength(5);
  });
});

describe("bodies of the wrong shape are the project's own errors", () => {
  const wrong: [string, string][] = [
    ["null", "null"],
    ["a number", "42"],
    ["an array", "[]"],
    ["a string", '"done"'],
    ["true", "true"],
    ["an object without an id", '{"status":"NEW"}'],
    ["an id that is text", '{"id":"7","status":"NEW"}'],
  ];

  it.each(wrong)("retrieve answered 200 with %s", async (_what, body) => {
    const api = await scriptedServer({ status: 200, headers: { "content-type": "application/json" }, body });
    const error = await failureOf(run("retrieve", clientFor(api)));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error.message).toMatch(/is not an export job/);
    expect(api.received).toHaveLength(1);
  });

  it.each(wrong)("create answered 200 with %s: may have taken effect", async (_what, body) => {
    const api = await scriptedServer({ status: 200, headers: { "content-type": "application/json" }, body });
    const error = (await failureOf(run("create", clientFor(api)))) as ExportJobsApiError;
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error.mayHaveTakenEffect).toBe(true);
  });

  it.each([
    ["records that are not an array", { records: "none" }],
    ["a record that is not a job", { records: [null] }],
    ["no records", {}],
  ])("a list page with %s", async (_what, page) => {
    const api = await scriptedServer(json(200, page));
    const error = await failureOf(run("list, second page", clientFor(api)));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error.message).toMatch(/is not a list of export jobs|record 0/);
  });

  it.each([
    ["status as text", { status: "false", message: "no" }],
    ["status as a number", { status: 0 }],
    ["a message that is not text", { status: true, message: {} }],
  ])("a cancel answered with %s is not taken for accepted", async (_what, body) => {
    const api = await scriptedServer(json(200, body));
    const error = await failureOf(run("cancel", clientFor(api)));
    expect(error).toBeInstanceOf(ExportJobsApiError);
    expect(error.message).toMatch(/not a cancellation result/);
  });

  it("an empty 200 for a retrieve is an API error, not undefined", async () => {
    const api = await scriptedServer({ status: 200, headers: { "content-type": "application/json" } });
    expect(await failureOf(run("retrieve", clientFor(api)))).toBeInstanceOf(ExportJobsApiError);
  });

  it("an error body of JSON null keeps the status and, for a create, the doubt", async () => {
    const api = await scriptedServer({ status: 500, headers: { "content-type": "application/json" }, body: "null" });
    const error = (await failureOf(run("create", clientFor(api)))) as ExportJobsApiError;
    expect(error.status).toBe(500);
    expect(error.mayHaveTakenEffect).toBe(true);
  });
});

describe("errors quote the platform's request id", () => {
  it("beside the x-request-id the client sent", async () => {
    const api = await scriptedServer(
      json(403, { type: "https://ns.adobe.com/aep/errors/UPAPI-403", title: "Forbidden", status: 403, requestId: "platform-req-123", errors: { "403": [{ code: "UPAPI-403", message: "No access" }] } }),
    );
    const error = (await failureOf(run("retrieve", clientFor(api)))) as ExportJobsApiError;
    expect(error.platformRequestId).toBe("platform-req-123");
    expect(error.requestId).toBe(api.received[0]!.headers["x-request-id"]);
    expect(error.message).toContain(`request id ${error.requestId}, platform request id platform-req-123`);
  });

  it("ignores a requestId that is not text", async () => {
    const api = await scriptedServer(json(403, { title: "Forbidden", requestId: { nested: true } }));
    const error = (await failureOf(run("retrieve", clientFor(api)))) as ExportJobsApiError;
    expect(error.platformRequestId).toBeUndefined();
  });
});
