import { afterEach, describe, expect, it } from "vitest";
import type { ExportJob } from "../../src/index.js";
import { EXIT_API_ERROR, EXIT_OK } from "../../src/cli/exit-codes.js";
import { closeScriptedServers, json, scriptedServer } from "../support/scripted-server.js";
import { finishedJob, NEWEST_CREATION_TIME } from "./fixtures.js";
import { credentialsEnv, currentMock, ESC, mockWith, runCli, useCliHarness } from "./harness.js";

useCliHarness();
afterEach(closeScriptedServers);


// The oldest revision's shape: one batch object, a bare string status, the legacy dataSetId key.
const legacyJob: ExportJob = finishedJob(4242, NEWEST_CREATION_TIME, {
  destination: {
    dataSetId: "legacy-dataset-id",
    segmentPerBatch: true,
    batches: { segmentId: "segment-a", segmentNs: "ups", status: "exited", batchId: "legacy-batch-a" },
  },
  errors: [{ code: "0100000003", msg: "Error in Export Job" }],
});

const perSegmentJob: ExportJob = finishedJob(4243, NEWEST_CREATION_TIME, {
  destination: {
    datasetId: "5b7c86968f7b6501e21ba9df",
    segmentPerBatch: true,
    batches: [
      { segmentId: "segment-a", segmentNs: "ups", status: ["realized"], batchId: "batch-for-a" },
      { segmentId: "segment-b", segmentNs: "AAM", status: ["realized", "existing"], batchId: "batch-for-b" },
    ],
  },
  metrics: {
    totalTime: { startTimeInMs: 1, endTimeInMs: 10_001, totalTimeInMs: 10_000 },
    totalExportedProfileCounter: 20,
    exportedProfileByNamespaceCounter: { email: 15, ecid: 5 },
  },
});

describe("get", () => {
  it("lists the one batch of a job created without segmentPerBatch once, under Batches", async () => {
    const api = await scriptedServer(json(200, { id: 7, status: "SUCCEEDED", destination: { datasetId: "ds-1", batchId: "only-batch-id" } }));
    const { code, stdout } = await runCli(["get", "7"], { env: credentialsEnv(api.url) });
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^  Batches +only-batch-id$/m);
    expect(stdout.split("only-batch-id")).toHaveLength(2);
  });

  it("shows every batch id and the metrics", async () => {
    const env = await mockWith({ jobs: [perSegmentJob] });

    const { code, stdout } = await runCli(["get", "4243"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^Export job 4243  SUCCEEDED$/m);
    expect(stdout).toMatch(/^ {2}Batches +batch-for-a {2}segment segment-a \(ups\) {2}realized$/m);
    expect(stdout).toMatch(/^ {20}batch-for-b {2}segment segment-b \(AAM\) {2}realized,existing$/m);
    expect(stdout).toMatch(/^ {2}Duration +10s$/m);
    expect(stdout).toMatch(/^ {2}Profiles exported +20 \(email 15, ecid 5\)$/m);
    expect(stdout).toMatch(/^ {2}Created +2024-05-01T12:00:00Z$/m);
  });

  it("shows a job of the oldest revision the same way: legacy batch object, bare status, dataSetId", async () => {
    const env = await mockWith({ jobs: [legacyJob] });

    const { stdout } = await runCli(["get", "4242"], { env });

    expect(stdout).toMatch(/^ {2}Dataset +legacy-dataset-id$/m);
    expect(stdout).toMatch(/^ {2}Batches +legacy-batch-a {2}segment segment-a \(ups\) {2}exited$/m);
    expect(stdout).toMatch(/^ {2}Errors +0100000003 Error in Export Job$/m);
  });

  it("--json prints the job exactly as the API sent it", async () => {
    const env = await mockWith({ jobs: [legacyJob] });

    const { stdout } = await runCli(["get", "4242", "--json"], { env });

    expect(JSON.parse(stdout)).toEqual(legacyJob);
  });

  it("reports an unknown job as an API error with the status, exit 1", async () => {
    const env = await mockWith({});

    const { code, stdout, stderr } = await runCli(["get", "999"], { env });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: GET \/export\/jobs\/999 failed with HTTP 404: .*Export job 999 was not found.*\(request id [0-9a-f-]{36}\)$/m);
  });
});

// The stand-in cancels only a job that has not ended yet.
const runningJob: ExportJob = { ...perSegmentJob, status: "PROCESSING" };

describe("cancel", () => {
  it("prints one line for a 200 answer, with its message", async () => {
    const env = await mockWith({ jobs: [runningJob], cancelStatus: 200 });

    const { code, stdout } = await runCli(["cancel", "4243"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe("Export job 4243 marked for cancelling (HTTP 200): Export job has been marked for cancelling\n");
    expect(currentMock().requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /export/jobs/4243"]);
  });

  it("prints one line for a 204 answer without a body", async () => {
    const env = await mockWith({ jobs: [runningJob], cancelStatus: 204 });

    const { code, stdout } = await runCli(["cancel", "4243"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe("Export job 4243 marked for cancelling (HTTP 204, no body)\n");
  });

  it("--json prints the outcome", async () => {
    const env = await mockWith({ jobs: [runningJob], cancelStatus: 204 });

    const { stdout } = await runCli(["cancel", "4243", "--json"], { env });

    expect(JSON.parse(stdout)).toEqual({ jobId: 4243, httpStatus: 204, accepted: true });
  });

  it("says a job that has already ended was not marked for cancelling, and exits 1", async () => {
    const env = await mockWith({ jobs: [perSegmentJob], cancelStatus: 204 });

    const { code, stdout } = await runCli(["cancel", "4243"], { env });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stdout).toBe("Export job 4243 not marked for cancelling (HTTP 200): Export job 4243 has already ended (SUCCEEDED); there is nothing to cancel\n");
  });

  it("reports an unknown job as exit 1", async () => {
    const env = await mockWith({});

    const { code, stderr } = await runCli(["cancel", "999"], { env });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/^error: DELETE \/export\/jobs\/999 failed with HTTP 404/);
  });
});

// A hostile server's payloads: retitle the terminal, clear it, recolour with the 8-bit CSI,
// overwrite the line, reverse the text, forge a line of output.
const RETITLE = "\u001b]0;pwned\u0007";
const CLEAR = "\u001b[2J";
const hostileJob: ExportJob = finishedJob(4244, NEWEST_CREATION_TIME, {
  status: `${CLEAR}FAILED${RETITLE}` as ExportJob["status"],
  destination: {
    datasetId: `${RETITLE}dataset`,
    segmentPerBatch: true,
    batches: [{ segmentId: "segment\u009b31m", segmentNs: "ups", status: ["realized"], batchId: `batch\r${CLEAR}` }],
  },
  errors: [{ code: CLEAR, msg: `${RETITLE}broken\u202e\nerror: forged line` }],
  metrics: { totalExportedProfileCounter: 3, exportedProfileByNamespaceCounter: { "e\u001b[8mmail": 3 } },
});

// What a terminal would act on, newlines apart (the tool writes those itself).
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The tool's own colours, which must keep working. */
const withoutOwnColours = (text: string) => text.replace(/\u001b\[\d+m/g, "");

describe("text from the server in human output", () => {
  it("get shows every field with its escape sequences made visible, not acted on", async () => {
    const env = await mockWith({ jobs: [hostileJob] });

    const { code, stdout } = await runCli(["get", "4244"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toMatch(/^Export job 4244 {2}\\x1b\[2JFAILED\\x1b\]0;pwned\\x07$/m);
    expect(stdout).toMatch(/^ {2}Dataset +\\x1b\]0;pwned\\x07dataset$/m);
    expect(stdout).toMatch(/^ {2}Batches +batch\\x0d\\x1b\[2J {2}segment segment\\x9b31m \(ups\) {2}realized$/m);
    expect(stdout).toMatch(/^ {2}Profiles exported +3 \(e\\x1b\[8mmail 3\)$/m);
    expect(stdout).toMatch(/^ {2}Errors +\\x1b\[2J \\x1b\]0;pwned\\x07broken\\u202e\\x0aerror: forged line$/m);
    expect(stdout).not.toMatch(/^error: forged/m);
  });

  it("on a terminal, colours the status made printable, with nothing else left raw", async () => {
    const env = await mockWith({ jobs: [hostileJob] });

    const { stdout } = await runCli(["get", "4244"], { env, tty: true });

    expect(stdout).toContain(`${ESC}36m\\x1b[2JFAILED\\x1b]0;pwned\\x07${ESC}39m`);
    expect(withoutOwnColours(stdout)).not.toMatch(RAW_CONTROL);
  });

  it("get --json still prints the job byte for byte as the API sent it, escaped by JSON", async () => {
    const env = await mockWith({ jobs: [hostileJob] });

    const { stdout } = await runCli(["get", "4244", "--json"], { env });

    expect(stdout).toBe(`${JSON.stringify(hostileJob, null, 2)}\n`);
    expect(stdout).toContain('"datasetId": "\\u001b]0;pwned\\u0007dataset"');
  });

  it("cancel shows the acknowledgement's message made printable", async () => {
    const api = await scriptedServer(json(200, { status: true, message: `${RETITLE}marked\r${CLEAR}` }));

    const { code, stdout } = await runCli(["cancel", "4244"], { env: credentialsEnv(api.url) });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe("Export job 4244 marked for cancelling (HTTP 200): \\x1b]0;pwned\\x07marked\\x0d\\x1b[2J\n");
  });

  it("an error answer's message reaches stderr made printable, after the tool's own red error:", async () => {
    const api = await scriptedServer(json(404, { error_code: `${CLEAR}404`, message: `${RETITLE}not found\r\u001b[2K\nerror: forged` }));

    const piped = await runCli(["get", "4244"], { env: credentialsEnv(api.url) });
    const terminal = await runCli(["get", "4244"], { env: credentialsEnv(api.url), tty: true });

    expect(piped.code).toBe(EXIT_API_ERROR);
    expect(piped.stderr).not.toMatch(RAW_CONTROL);
    expect(piped.stderr).toMatch(/^error: GET \/export\/jobs\/4244 failed with HTTP 404 \\x1b\[2J404: \\x1b\]0;pwned\\x07not found\\x0d\\x1b\[2K\\x0aerror: forged \(request id [^\n]+\)\n$/);
    expect(piped.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(terminal.stderr).toMatch(new RegExp(`^${ESC.replace("[", "\\[")}31merror:`));
    expect(withoutOwnColours(terminal.stderr)).not.toMatch(RAW_CONTROL);
  });
});
