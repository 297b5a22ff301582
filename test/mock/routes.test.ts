import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkResponse } from "../../src/mock/checks.js";
import { startMockServer, type MockServer } from "../../src/mock/server.js";
import { exampleValue } from "../support/openapi.js";
import { API_KEY, call, expectDescribed, jobsOfCaller, ORG, TOKEN, useMockServer } from "./helpers.js";

// One server for the whole file: "every response so far matched the description" looks back over
// what all the tests before it were sent.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ credentials: { accessToken: TOKEN, apiKey: API_KEY, orgId: ORG } });
});
afterAll(() => server.close());
// For the tests that need a server set up otherwise.
const start = useMockServer();

const minimal = () => exampleValue("create-request-minimal");

describe("routes", () => {
  it("lists the seeded example jobs, newest first, on /export/jobs and /export/jobs/", async () => {
    for (const path of ["/export/jobs", "/export/jobs/"]) {
      const reply = await call(server, "GET", path);
      expect(reply.status).toBe(200);
      expectDescribed("listExportJobs", reply);
      expect(reply.body.records.map((job: { id: number }) => job.id).slice(0, 4)).toEqual([11038, 11037, 100, 722]);
    }
  });

  it("seeds the first example that shows an id, where the documents reuse it", async () => {
    const reply = await call(server, "GET", "/export/jobs/100");
    const { errors: _dropped, ...documented } = (exampleValue("list-newest") as { records: Record<string, unknown>[] }).records[0]!;
    expect(reply.body).toEqual({ ...documented, imsOrgId: ORG });
  });

  it("retrieves a job by id", async () => {
    const reply = await call(server, "GET", "/export/jobs/11037");
    expect(reply.status).toBe(200);
    expectDescribed("retrieveExportJob", reply);
    expect(reply.body).toEqual({ ...(exampleValue("job-succeeded") as object), imsOrgId: ORG });
  });

  it("creates a job, answering 200 with the job and X-Location", async () => {
    const reply = await call(server, "POST", "/export/jobs", { json: minimal() });
    expect(reply.status).toBe(200);
    expectDescribed("createExportJob", reply);
    expect(reply.body).toMatchObject({ status: "NEW", destination: { datasetId: "5b7c86968f7b6501e21ba9df", segmentPerBatch: false } });
    expect(reply.body.destination.batchId).toEqual(expect.any(String));
    expect(reply.headers.get("x-location")).toBe(`/export/jobs/${reply.body.id}`);
    const again = await call(server, "GET", `/export/jobs/${reply.body.id}`);
    expect(again.body.id).toBe(reply.body.id);
  });

  it("creates one batch per segment, each with an array status, when segmentPerBatch is true", async () => {
    const reply = await call(server, "POST", "/export/jobs", {
      json: {
        destination: { datasetId: "ds", segmentPerBatch: true },
        schema: { name: "_xdm.context.profile" },
        filter: { segments: [{ segmentId: "a" }, { segmentId: "b", segmentNs: "AAM", status: ["exited"] }] },
      },
    });
    expect(reply.status).toBe(200);
    expectDescribed("createExportJob", reply);
    expect(reply.body.destination.batchId).toBeUndefined();
    expect(reply.body.destination.batches).toEqual([
      { segmentId: "a", segmentNs: "ups", status: ["realized"], batchId: expect.any(String) },
      { segmentId: "b", segmentNs: "AAM", status: ["exited"], batchId: expect.any(String) },
    ]);
  });

  it("answers 404 in the service's problem shape for an unknown job, and on a path it does not serve", async () => {
    const unknown = await call(server, "GET", "/export/jobs/999999");
    expect(unknown.status).toBe(404);
    expectDescribed("retrieveExportJob", unknown);
    expect(unknown.body).toMatchObject({ status: 404, title: "NotFoundError", detail: "Export job 999999 was not found" });
    const cancelUnknown = await call(server, "DELETE", "/export/jobs/999999");
    expect(cancelUnknown.status).toBe(404);
    for (const path of ["/export/other", "/export/jobs/100/batches", "/data/core/ups", "/data/core/upsexport/jobs", "/data/export/jobs"]) {
      const reply = await call(server, "GET", path);
      expect(reply.status, path).toBe(404);
      expectDescribed(undefined, reply);
      expect(reply.body).toMatchObject({ status: 404, title: "NotFoundError" });
    }
  });

  it.each([
    ["PUT", "/export/jobs/100", "GET, DELETE"],
    ["PATCH", "/data/core/ups/export/jobs/100", "GET, DELETE"],
    ["DELETE", "/export/jobs", "GET, POST"],
    ["PUT", "/data/core/ups/export/jobs/", "GET, POST"],
  ])("answers %s %s with 405 and Allow: %s, as HTTP and Prism do", async (method, path, allow) => {
    const reply = await call(server, method, path, { json: {} });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe(allow);
    expectDescribed(undefined, reply);
    expect(reply.body).toMatchObject({ status: 405, title: "MethodNotAllowedError" });
    expect(reply.body.detail).toContain(`it answers ${allow}`);
  });

  it("checks credentials before it says which methods a path has", async () => {
    const reply = await call(server, "PUT", "/export/jobs/100", { headers: { authorization: undefined } });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("allow")).toBeNull();
  });

  it("echoes the caller's x-request-id in the answer", async () => {
    const reply = await call(server, "GET", "/export/jobs/1", { headers: { "x-request-id": "trace-123" } });
    expect(reply.headers.get("x-request-id")).toBe("trace-123");
    expect(reply.body.requestId).toBe("trace-123");
    expect(server.requests.at(-1)).toMatchObject({ method: "GET", path: "/export/jobs/1", status: 404, requestId: "trace-123" });
  });
});

describe("bad requests: 400 in the service's problem shape, naming the field and what it allows", () => {
  it.each([
    ["?status=PROCESSING", "query parameter status must be one of NEW, SUCCEEDED, FAILED"],
    ["?limit=0", "query parameter limit must be >= 1"],
    ["?limit=ten", "query parameter limit must be integer"],
    ["?limit=1&limit=2", "query parameter limit must be given once"],
    ["?sort=asc", "query parameter sort is not allowed here (unknown field)"],
    ["?offset=yesterday", "query parameter offset must be a cursor <creationTime>_<id>"],
  ])("GET /export/jobs%s", async (query, message) => {
    const reply = await call(server, "GET", `/export/jobs${query}`);
    expect(reply.status).toBe(400);
    expectDescribed("listExportJobs", reply);
    expect(reply.body).toMatchObject({ status: 400, title: "BadRequestError" });
    expect(reply.body.detail).toContain(message);
  });

  it.each([
    ["GET", "retrieveExportJob", "abc", "path parameter EXPORT_JOB_ID must be integer"],
    ["GET", "retrieveExportJob", "0", "path parameter EXPORT_JOB_ID must be >= 1"],
    ["DELETE", "cancelExportJob", "-5", "path parameter EXPORT_JOB_ID must be >= 1"],
  ])("%s /export/jobs/%s", async (method, operationId, id, message) => {
    const reply = await call(server, method, `/export/jobs/${id}`);
    expect(reply.status).toBe(400);
    expectDescribed(operationId, reply);
    expect(reply.body.detail).toContain(message);
  });

  // The generated validator alone coerces each of these to a number, some of them to a seeded job's id.
  it.each([
    ["GET", "+722", "retrieveExportJob", "+722"],
    ["GET", "%2B722", "retrieveExportJob", "+722"],
    ["GET", "%20722", "retrieveExportJob", " 722"],
    ["GET", "722%20", "retrieveExportJob", "722 "],
    ["GET", "1e3", "retrieveExportJob", "1e3"],
    ["GET", "0x2d2", "retrieveExportJob", "0x2d2"],
    ["GET", "722.0", "retrieveExportJob", "722.0"],
    ["GET", "0722", "retrieveExportJob", "0722"],
    ["GET", "9007199254740992", "retrieveExportJob", "9007199254740992"],
    ["GET", "9007199254740993", "retrieveExportJob", "9007199254740993"],
    ["GET", "123456789012345678901234567890", "retrieveExportJob", "123456789012345678901234567890"],
    ["DELETE", "1e3", "cancelExportJob", "1e3"],
    ["DELETE", "9007199254740993", "cancelExportJob", "9007199254740993"],
  ])("%s /export/jobs/%s is refused: an id is written in plain decimal digits", async (method, segment, operationId, given) => {
    const reply = await call(server, method, `/export/jobs/${segment}`);
    expect(reply.status).toBe(400);
    expectDescribed(operationId, reply);
    expect(reply.body).toMatchObject({ status: 400, title: "BadRequestError" });
    expect(reply.body.detail).toContain("path parameter EXPORT_JOB_ID must be a positive integer in decimal digits");
    expect(reply.body.detail).toContain(`at most ${Number.MAX_SAFE_INTEGER}`);
    expect(reply.body.detail).toContain(`(got ${JSON.stringify(given)})`);
  });

  it("still takes an id in plain decimal digits, up to the largest one a number holds exactly", async () => {
    const seeded = await call(server, "GET", "/export/jobs/722");
    expect(seeded.status).toBe(200);
    expect(seeded.body.id).toBe(722);
    const largest = await call(server, "GET", `/export/jobs/${Number.MAX_SAFE_INTEGER}`);
    expect(largest.status).toBe(404);
    expect(largest.body.detail).toBe(`Export job ${Number.MAX_SAFE_INTEGER} was not found`);
  });

  it("names the missing field, the unknown field and the allowed values in a bad body", async () => {
    const reply = await call(server, "POST", "/export/jobs", {
      json: {
        destination: { dataSetId: "legacy spelling" },
        schema: { name: "_xdm.context.profile" },
        filter: { segments: [{ segmentId: "a", status: ["exiting"] }] },
      },
    });
    expect(reply.status).toBe(400);
    expectDescribed("createExportJob", reply);
    expect(reply.body.detail).toContain("/destination/datasetId is required");
    expect(reply.body.detail).toContain("/destination/dataSetId is not allowed here (unknown field)");
    expect(reply.body.detail).toContain('/filter/segments/0/status/0 must be one of realized, existing, exited (got "exiting")');
    expect(reply.body.errors["400"]).toHaveLength(3);
  });

  it("answers the documented problem for a POST without Content-Type: application/json", async () => {
    for (const contentType of [undefined, "text/plain"]) {
      const reply = await call(server, "POST", "/export/jobs", { body: JSON.stringify(minimal()), headers: { "content-type": contentType } });
      expect(reply.status).toBe(400);
      expectDescribed("createExportJob", reply);
      const { requestId: _ignored, ...rest } = reply.body;
      expect(rest).toEqual(exampleValue("error-bad-request-content-type"));
    }
    const withCharset = await call(server, "POST", "/export/jobs", {
      body: JSON.stringify(minimal()),
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(withCharset.status).toBe(200);
  });

  it("refuses a body that is not JSON, and an empty one", async () => {
    const broken = await call(server, "POST", "/export/jobs", { body: "{", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    expectDescribed("createExportJob", broken);
    expect(broken.body.detail).toContain("request body is not valid JSON");
    const empty = await call(server, "POST", "/export/jobs", { body: "", headers: { "content-type": "application/json" } });
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toBe("request body is required");
    const notAnObject = await call(server, "POST", "/export/jobs", { json: [1] });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.detail).toContain("request body must be object");
  });
});

describe("credentials", () => {
  const cases: Array<[string, Record<string, string | undefined>, number, string]> = [
    ["no Authorization", { authorization: undefined }, 401, "401013"],
    ["a Basic Authorization", { authorization: "Basic abc" }, 401, "401013"],
    ["an empty bearer token", { authorization: "Bearer " }, 401, "401013"],
    ["another token", { authorization: "Bearer S3cr3t-other-token" }, 401, "401013"],
    // A credential the security schemes require is missing: not authenticated, 401 (as Prism answers).
    ["no API key", { "x-api-key": undefined }, 401, "403010"],
    ["a blank API key", { "x-api-key": " " }, 401, "403010"],
    ["no org", { "x-gw-ims-org-id": undefined }, 401, "403025"],
    ["no sandbox", { "x-sandbox-name": undefined }, 401, "403025"],
    ["a blank sandbox", { "x-sandbox-name": "" }, 401, "403025"],
    // Present but not allowed: 403.
    ["another API key", { "x-api-key": "S3cr3t-other-key" }, 403, "403010"],
    ["another org", { "x-gw-ims-org-id": "OTHER@AdobeOrg" }, 403, "403025"],
  ];
  it.each(cases)("refuses %s with the gateway shape and never echoes a credential", async (_name, headers, status, code) => {
    for (const [method, path, operationId] of [
      ["GET", "/export/jobs", "listExportJobs"],
      ["DELETE", "/export/jobs/11038", "cancelExportJob"],
    ] as const) {
      const reply = await call(server, method, path, { headers });
      expect(reply.status).toBe(status);
      expectDescribed(operationId, reply);
      expect(reply.body.error_code).toBe(code);
      expect(Object.keys(reply.body).sort()).toEqual(["error_code", "message"]);
      for (const secret of [TOKEN, API_KEY, ORG, "S3cr3t", "OTHER@AdobeOrg"]) expect(reply.text).not.toContain(secret);
    }
    // Refused at the gateway: the job was not cancelled (it may have finished on its own meanwhile).
    expect((await call(server, "GET", "/export/jobs/11038")).body.status).not.toBe("FAILED");
  });

  it("accepts any non-empty values when none are configured", async () => {
    const open = await start({ seed: false });
    const reply = await call(open, "GET", "/export/jobs", {
      headers: { authorization: "bearer x", "x-api-key": "k", "x-gw-ims-org-id": "o", "x-sandbox-name": "s" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.records).toEqual([]);
    expect((await call(open, "GET", "/export/jobs", { headers: { "x-api-key": " " } })).status).toBe(401);
    expect((await call(open, "GET", "/export/jobs", { headers: { authorization: "Basic dXNlcjpwYXNz" } })).status).toBe(401);
  });

  it("never logs a credential", async () => {
    const lines: string[] = [];
    const logged = await start({ log: (line) => lines.push(line), credentials: { accessToken: TOKEN } });
    await call(logged, "GET", "/export/jobs?limit=1");
    await call(logged, "POST", "/export/jobs", { json: minimal() });
    await call(logged, "GET", "/export/jobs", { headers: { authorization: "Bearer S3cr3t-wrong" } });
    expect(lines.length).toBe(3);
    for (const secret of [TOKEN, API_KEY, ORG, "S3cr3t"]) expect(lines.join("\n")).not.toContain(secret);
  });
});

describe("response checks", () => {
  it("names what is wrong: an undeclared status, a missing body, a body off the schema", () => {
    expect(checkResponse("listExportJobs", 404, { status: 404, title: "NotFoundError" })).toBe("listExportJobs does not declare HTTP 404");
    expect(checkResponse("retrieveExportJob", 200, undefined)).toBe("retrieveExportJob HTTP 200 must have a body");
    expect(checkResponse("cancelExportJob", 204, undefined)).toBeUndefined();
    expect(checkResponse("cancelExportJob", 204, {})).toContain("cancelExportJob HTTP 204");
    expect(checkResponse(undefined, 404, { oops: true })).toContain("HTTP 404 is not an ApiErrorBody");
  });

  it("every response so far matched the description", () => {
    expect(server.requests.length).toBeGreaterThan(20);
    expect(server.responseViolations).toEqual([]);
  });

  it("answers 500, and keeps serving, when it cannot send an answer", async () => {
    const lines: string[] = [];
    // Not through start: the job it cannot send breaks the description too, which start's check would fail.
    const broken = await startMockServer({ seed: false, log: (line) => lines.push(line) });
    try {
      jobsOfCaller(broken).add({ id: 6, status: "NEW", creationTime: 10n } as never);
      expect((await call(broken, "GET", "/export/jobs/6")).status).toBe(500);
      expect(lines.some((line) => line.startsWith("mock failure"))).toBe(true);
      expect((await call(broken, "GET", "/export/jobs/7")).status).toBe(404);
    } finally {
      await broken.close();
    }
  });

  it("records (and still sends) a response the description does not allow", async () => {
    const lines: string[] = [];
    // Not through start: the violation it records is the point, and start's check would fail it.
    const broken = await startMockServer({ seed: false, log: (line) => lines.push(line) });
    try {
      jobsOfCaller(broken).add({ id: 5, status: "DONE" } as never);
      const reply = await call(broken, "GET", "/export/jobs/5");
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ id: 5, status: "DONE" });
      expect(broken.responseViolations).toHaveLength(1);
      expect(broken.responseViolations[0]).toContain("GET /export/jobs/5 -> retrieveExportJob HTTP 200: /status");
      expect(lines.some((line) => line.startsWith("response breaks the description"))).toBe(true);
    } finally {
      await broken.close();
    }
  });
});
