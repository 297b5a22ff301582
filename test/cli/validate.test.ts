import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_OK, EXIT_USAGE, EXIT_VALIDATION_FAILED } from "../../src/cli/exit-codes.js";
import { exampleValue } from "../support/openapi.js";
import { runCli, useCliHarness } from "./harness.js";

useCliHarness();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aep-cli-validate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

// validate needs no credentials: none of these runs has any.
describe("validate JSON payloads", () => {
  it("passes a valid job, saying which kind it inferred", async () => {
    const path = await file("job.json", exampleValue("job-succeeded"));

    const { code, stdout, stderr } = await runCli(["validate", path]);

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${path}: valid job (inferred from its shape; use --as to choose)\n`);
  });

  it("prints every mismatch as FILE POINTER MESSAGE and exits 1", async () => {
    const job = { ...(exampleValue("job-processing") as object), status: "DONE", colour: "blue" };
    const path = await file("bad-job.json", job);

    const { code, stdout } = await runCli(["validate", path]);

    expect(code).toBe(EXIT_VALIDATION_FAILED);
    expect(stdout.trimEnd().split("\n").sort()).toEqual([
      `${path} /colour is not allowed here (unknown field)`,
      `${path} /status must be one of NEW, PROCESSING, SUCCEEDED, FAILED (got "DONE")`,
    ]);
  });

  it.each([
    ["list-newest", "list"],
    ["error-gateway-invalid-token", "error"],
    ["error-service-not-found", "error"],
    ["cancel-accepted", "cancel"],
    ["create-request-full", "create-request"],
  ])("infers %s to be a %s payload", async (example, kind) => {
    const path = await file(`${example}.json`, exampleValue(example));

    const { code, stderr } = await runCli(["validate", path]);

    expect(code).toBe(EXIT_OK);
    expect(stderr).toContain(`valid ${kind} (inferred`);
  });

  it("checks several files and items of an array, and --as overrides the inference", async () => {
    const list = await file("list.json", exampleValue("list-newest"));
    const jobs = await file("jobs.json", [exampleValue("job-succeeded"), { id: 0, status: "NEW" }]);

    const inferred = await runCli(["validate", list, jobs]);
    const forced = await runCli(["validate", list, "--as", "create-request"]);

    expect(inferred.code).toBe(EXIT_VALIDATION_FAILED);
    expect(inferred.stdout).toBe(`${jobs} /1/id must be >= 1 (got 0)\n`);
    expect(forced.code).toBe(EXIT_VALIDATION_FAILED);
    expect(forced.stdout).toContain(`${list} /records is not allowed here (unknown field)`);
    expect(forced.stdout).toContain(`${list} /destination is required`);
    expect(forced.stderr).not.toContain("inferred");
  });

  it("reports a file that is not JSON as a mismatch", async () => {
    const path = await file("html.json", "<html>Bad gateway</html>");

    const { code, stdout } = await runCli(["validate", path]);

    expect(code).toBe(EXIT_VALIDATION_FAILED);
    expect(stdout).toMatch(new RegExp(`^${path} / is not valid JSON: `));
  });

  it.each([
    [["validate", "no/such/file.json"], /cannot read no\/such\/file.json: no such file/],
    [["validate"], /missing FILE/],
    [["validate", "package.json", "--as", "jobs"], /--as must be one of list, job, create-request, create-response, cancel, error, got "jobs"/],
  ])("exits 2 for %j", async (args, message) => {
    const { code, stderr } = await runCli(args);

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(message);
  });

  it("exits 2 when it cannot tell what a payload is", async () => {
    const path = await file("unknown.json", { foo: 1 });

    const { code, stderr } = await runCli(["validate", path]);

    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain(`${path}: cannot tell what this payload is; pass --as`);
  });
});

describe("validate HAR captures", () => {
  const base = "https://platform.adobe.io/data/core/ups";
  const entry = (method: string, url: string, status: number, body?: unknown, request?: unknown) => ({
    request: { method, url, headers: [], ...(request === undefined ? {} : { postData: { mimeType: "application/json", text: JSON.stringify(request) } }) },
    response: { status, headers: [], content: body === undefined ? { size: 0, mimeType: "x-unknown" } : { mimeType: "application/json", text: JSON.stringify(body) } },
  });
  const har = (entries: unknown[]) => ({ log: { version: "1.2", creator: { name: "test", version: "1" }, entries } });

  it("checks each export jobs entry against its operation and status, and the request body of a create", async () => {
    const badJob = { ...(exampleValue("job-processing") as object), status: "DONE" };
    const path = await file("capture.har", har([
      entry("GET", `${base}/export/jobs?limit=2`, 200, exampleValue("list-newest")),
      entry("GET", `${base}/export/jobs/11037`, 200, badJob),
      entry("POST", `${base}/export/jobs`, 200, exampleValue("create-response-new"), { destination: { dataSetId: "x" }, schema: { name: "s" } }),
      entry("DELETE", `${base}/export/jobs/11037`, 204),
      entry("DELETE", `${base}/export/jobs/11037`, 204, exampleValue("cancel-accepted")),
      entry("GET", `${base}/export/jobs/1`, 401, exampleValue("error-gateway-invalid-token")),
      entry("GET", `${base}/export/jobs/1`, 302, {}),
      entry("GET", "https://example.com/other/path", 200, { anything: true }),
    ]));

    const { code, stdout, stderr } = await runCli(["validate", path]);

    expect(code).toBe(EXIT_VALIDATION_FAILED);
    expect(stdout.trimEnd().split("\n")).toEqual([
      `${path}#1 /status must be one of NEW, PROCESSING, SUCCEEDED, FAILED (got "DONE") (GET /data/core/ups/export/jobs/11037 200)`,
      `${path}#2 /destination/datasetId is required (POST /data/core/ups/export/jobs request body)`,
      `${path}#2 /destination/dataSetId is not allowed here (unknown field) (POST /data/core/ups/export/jobs request body)`,
      expect.stringMatching(new RegExp(`^${path}#4 / .*\\(DELETE /data/core/ups/export/jobs/11037 204\\)$`)),
      `${path}#6 / retrieveExportJob does not declare HTTP 302 (GET /data/core/ups/export/jobs/1 302)`,
    ]);
    expect(stderr).toContain(`${path}: HAR with 8 entries; 8 bodies of 7 export jobs entries checked, 1 entries skipped; 5 mismatches`);
  });

  it("passes a capture whose export jobs calls all match, reading base64 bodies", async () => {
    const encoded = entry("GET", `${base}/export/jobs/722`, 200);
    encoded.response.content = { mimeType: "application/json", text: Buffer.from(JSON.stringify(exampleValue("job-failed"))).toString("base64"), encoding: "base64" } as never;
    const path = await file("good.har", har([entry("GET", `${base}/export/jobs/?limit=2&offset=1_2`, 200, exampleValue("list-newest")), encoded]));

    const { code, stdout } = await runCli(["validate", path]);

    expect(stdout).toBe("");
    expect(code).toBe(EXIT_OK);
  });

  it("recognizes a HAR by its log.entries whatever the file is called", async () => {
    const path = await file("capture.json", har([entry("GET", `${base}/export/jobs/1`, 200, { id: 1 })]));

    const { code, stdout } = await runCli(["validate", path]);

    expect(code).toBe(EXIT_VALIDATION_FAILED);
    expect(stdout).toBe(`${path}#0 /status is required (GET /data/core/ups/export/jobs/1 200)\n`);
  });
});
