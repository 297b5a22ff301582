import { describe, expect, it } from "vitest";
import { createExportJobsClient, ExportJobsConfigError, retrieveExportJob } from "../../src/index.js";
import { credentials, fakeFetch, json } from "../support/fake-fetch.js";

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
});
