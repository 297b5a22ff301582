import { describe, expect, it } from "vitest";
import type { ExportJob } from "../../src/index.js";
import { EXIT_API_ERROR, EXIT_OK } from "../../src/cli/exit-codes.js";
import { finishedJob, NEWEST_CREATION_TIME } from "./fixtures.js";
import { currentMock, mockWith, runCli, useCliHarness } from "./harness.js";

useCliHarness();


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

describe("cancel", () => {
  it("prints one line for a 200 answer, with its message", async () => {
    const env = await mockWith({ jobs: [perSegmentJob], cancelStatus: 200 });

    const { code, stdout } = await runCli(["cancel", "4243"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe("Export job 4243 marked for cancelling (HTTP 200): Export job has been marked for cancelling\n");
    expect(currentMock().requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /export/jobs/4243"]);
  });

  it("prints one line for a 204 answer without a body", async () => {
    const env = await mockWith({ jobs: [perSegmentJob], cancelStatus: 204 });

    const { code, stdout } = await runCli(["cancel", "4243"], { env });

    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe("Export job 4243 marked for cancelling (HTTP 204, no body)\n");
  });

  it("--json prints the outcome", async () => {
    const env = await mockWith({ jobs: [perSegmentJob], cancelStatus: 204 });

    const { stdout } = await runCli(["cancel", "4243", "--json"], { env });

    expect(JSON.parse(stdout)).toEqual({ jobId: 4243, httpStatus: 204, accepted: true });
  });

  it("reports an unknown job as exit 1", async () => {
    const env = await mockWith({});

    const { code, stderr } = await runCli(["cancel", "999"], { env });

    expect(code).toBe(EXIT_API_ERROR);
    expect(stderr).toMatch(/^error: DELETE \/export\/jobs\/999 failed with HTTP 404/);
  });
});
