import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createExportJobsClient,
  ExportJobsConfigError,
  ExportJobsNetworkError,
  listExportJobs,
  PRODUCTION_BASE_URL,
  retrieveExportJob,
  STAGE_BASE_URL,
} from "../../src/index.js";
import { credentials, fakeFetch, json, type Answer } from "../support/fake-fetch.js";
import { bundled } from "../support/openapi.js";

afterEach(() => vi.useRealTimers());

const job = { id: 11037, status: "SUCCEEDED" };

describe("credentials", () => {
  it("sends every credential header and the sandbox with each request", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, sandboxName: "dev", fetch: api.fetch });
    await retrieveExportJob(client, 11037);
    const headers = api.requests[0]!.headers;
    expect(headers.get("authorization")).toBe("Bearer S3cr3t-token-value");
    expect(headers.get("x-api-key")).toBe("S3cr3t-api-key");
    expect(headers.get("x-gw-ims-org-id")).toBe(credentials.orgId);
    expect(headers.get("x-sandbox-name")).toBe("dev");
    expect(api.requests[0]!.url).toBe("https://platform.adobe.io/data/core/ups/export/jobs/11037");
  });

  it("names as production and stage the two servers the description lists", () => {
    expect([PRODUCTION_BASE_URL, STAGE_BASE_URL]).toEqual(bundled.servers.map((server: { url: string }) => server.url));
  });

  it("defaults the sandbox to prod and the base URL to production", async () => {
    const api = fakeFetch(json(job));
    const { baseUrl: _, ...rest } = credentials;
    const client = createExportJobsClient({ ...rest, fetch: api.fetch });
    await client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: 1 } } });
    expect(api.requests[0]!.headers.get("x-sandbox-name")).toBe("prod");
    expect(api.requests[0]!.url).toBe("https://platform.adobe.io/data/core/ups/export/jobs/1");
  });

  it("sends a fresh UUID request id with every request", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch });
    await retrieveExportJob(client, 1);
    await retrieveExportJob(client, 1);
    const ids = api.requests.map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("calls a token function before every request, so refreshed tokens are used", async () => {
    const api = fakeFetch(json(job));
    let n = 0;
    const client = createExportJobsClient({ ...credentials, accessToken: async () => `token-${++n}`, fetch: api.fetch });
    await retrieveExportJob(client, 1);
    await retrieveExportJob(client, 1);
    expect(api.requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it.each([
    ["accessToken", { accessToken: "" }],
    ["apiKey", { apiKey: "" }],
    ["orgId", { orgId: "  " }],
    ["apiKey", { apiKey: undefined }],
    ["sandboxName", { sandboxName: "" }],
  ])("refuses a missing %s at creation", (option, override) => {
    const api = fakeFetch(json(job));
    expect(() => createExportJobsClient({ ...credentials, ...(override as object), fetch: api.fetch })).toThrow(
      expect.objectContaining({ name: "ExportJobsConfigError", message: expect.stringContaining(option) }),
    );
    expect(api.requests).toHaveLength(0);
  });

  it("refuses, at the first request, a token function that returns no token, and sends nothing", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, accessToken: () => "", fetch: api.fetch });
    await expect(retrieveExportJob(client, 1)).rejects.toBeInstanceOf(ExportJobsConfigError);
    expect(api.requests).toHaveLength(0);
  });

  it("refuses a base URL that is not absolute http(s)", () => {
    expect(() => createExportJobsClient({ ...credentials, baseUrl: "platform.adobe.io" })).toThrow(/baseUrl/);
    expect(() => createExportJobsClient({ ...credentials, baseUrl: "ftp://x" })).toThrow(/baseUrl/);
  });

  it("reports each attempt to onRequest without credentials", async () => {
    const api = fakeFetch(json(job));
    const seen: unknown[] = [];
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, onRequest: (info) => seen.push(info) });
    await retrieveExportJob(client, 7);
    expect(seen).toEqual([
      expect.objectContaining({ method: "GET", url: `${credentials.baseUrl}/export/jobs/7`, status: 200, requestId: api.requests[0]!.headers.get("x-request-id") }),
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/S3cr3t/);
  });

  it.each([
    ["undefined", () => undefined as unknown as string],
    ["blanks", async () => "   "],
    ["a number", () => 42 as unknown as string],
  ])("refuses a token function that returns %s, saying what is wrong, and sends nothing", async (_what, accessToken) => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, accessToken, fetch: api.fetch });
    const error = await retrieveExportJob(client, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportJobsConfigError);
    expect((error as Error).message).toBe("accessToken is required: the token function returned no usable token. No request was sent.");
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    ["apiKey", { apiKey: "S3cr3t api key" }, "pass the client id of your Adobe Developer Console project"],
    ["orgId", { orgId: "1BD6382559DF0C130A49422D@AdobeOrg\n" }, "pass your IMS organization id, such as ABC123@AdobeOrg"],
    ["sandboxName", { sandboxName: "prød" }, "pass the sandbox name, such as prod"],
    ["accessToken", { accessToken: "S3cr3t\ttoken" }, "pass an IMS access token, or a function that returns one"],
  ])("refuses a %s that cannot be sent in a header, without quoting it", (option, override, hint) => {
    expect(() => createExportJobsClient({ ...credentials, ...override })).toThrow(
      `${option} holds spaces, control characters or non-ASCII characters, which cannot be sent in a header: ${hint}. No request was sent.`,
    );
  });

  it("names what is missing and how to get it", () => {
    expect(() => createExportJobsClient({ ...credentials, orgId: "" })).toThrow(
      "orgId is required: pass your IMS organization id, such as ABC123@AdobeOrg. No request was sent.",
    );
    expect(() => createExportJobsClient({ ...credentials, accessToken: 7 as unknown as string })).toThrow(
      "accessToken is required: pass an IMS access token, or a function that returns one. No request was sent.",
    );
  });

  it("accepts every visible ASCII character in a credential", async () => {
    const api = fakeFetch(json(job));
    const visible = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join("");
    const client = createExportJobsClient({ ...credentials, apiKey: visible, fetch: api.fetch });
    await retrieveExportJob(client, 1);
    expect(api.requests[0]!.headers.get("x-api-key")).toBe(visible);
  });

  it("does not repeat a GET refused with 401 when the token function cannot drop its token", async () => {
    const api = fakeFetch(json({ error_code: "401013", message: "expired" }, 401), json(job));
    const client = createExportJobsClient({ ...credentials, accessToken: async () => "S3cr3t-token-value", fetch: api.fetch, retry: { minDelayMs: 1 } });
    await expect(retrieveExportJob(client, 1)).rejects.toMatchObject({ status: 401 });
    expect(api.requests).toHaveLength(1);
  });
});

describe("client options", () => {
  it.each([undefined, null, "token"])("refuses %j instead of options", (options) => {
    expect(() => createExportJobsClient(options as never)).toThrow(
      expect.objectContaining({ name: "ExportJobsConfigError", message: "createExportJobsClient needs an options object" }),
    );
  });

  it.each(["https://platform.adobe.io/data?x=1", "https://platform.adobe.io/data#top"])("refuses a base URL with a query or a fragment: %s", (baseUrl) => {
    expect(() => createExportJobsClient({ ...credentials, baseUrl })).toThrow("baseUrl must not carry a query or a fragment");
  });

  it("drops trailing slashes from the base URL", async () => {
    const api = fakeFetch(json(job));
    const client = createExportJobsClient({ ...credentials, baseUrl: "https://platform.adobe.io/data/core/ups//", fetch: api.fetch });
    expect(client.baseUrl).toBe("https://platform.adobe.io/data/core/ups");
    await retrieveExportJob(client, 1);
    expect(api.requests[0]!.url).toBe("https://platform.adobe.io/data/core/ups/export/jobs/1");
  });

  it("by default gives an attempt 60 s", async () => {
    vi.useFakeTimers();
    const never: Answer = (request) =>
      new Promise<Error>((resolve) => request.signal.addEventListener("abort", () => resolve(request.signal.reason as Error), { once: true }));
    const api = fakeFetch(never);
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false });
    const outcome = retrieveExportJob(client, 1).catch((e: unknown) => e);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(ExportJobsNetworkError);
    expect(error).toMatchObject({ timedOut: true });
  });

  it("names the path without its query when a request gets no answer, and reports status 0", async () => {
    const seen: number[] = [];
    const api = fakeFetch(new TypeError("fetch failed"));
    const client = createExportJobsClient({ ...credentials, fetch: api.fetch, retry: false, onRequest: (info) => seen.push(info.status) });
    const error = await listExportJobs(client, { limit: 2 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^GET \/export\/jobs got no answer: fetch failed/);
    expect(seen).toEqual([0]);
  });
});

