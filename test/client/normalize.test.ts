import { describe, expect, it } from "vitest";
import { normalizeExportJob, type ExportJob } from "../../src/index.js";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const batch = { segmentId: "segment1", segmentNs: "ups", status: ["realized" as const], batchId: "b1" };

describe("normalizeExportJob", () => {
  it("wraps the legacy single batch object in an array", () => {
    const job = deepFreeze({ id: 1, status: "SUCCEEDED", destination: { datasetId: "d", segmentPerBatch: true, batches: batch } } satisfies ExportJob);
    expect(normalizeExportJob(job).destination!.batches).toEqual([batch]);
  });

  it("wraps a bare-string batch status in an array", () => {
    const job = deepFreeze({
      id: 1,
      status: "SUCCEEDED",
      destination: { datasetId: "d", batches: [batch, { segmentId: "segment2", status: "exited", batchId: "b2" }] },
    } satisfies ExportJob);
    expect(normalizeExportJob(job).destination!.batches!.map((b) => b.status)).toEqual([["realized"], ["exited"]]);
  });

  it("maps the legacy dataSetId to datasetId and drops the legacy key", () => {
    const normalized = normalizeExportJob(deepFreeze({ id: 1, status: "NEW", destination: { dataSetId: "d1" } }));
    expect(normalized.destination).toEqual({ datasetId: "d1", batches: [] });
    expect(normalized.destination).not.toHaveProperty("dataSetId");
  });

  it("prefers datasetId when both keys are present", () => {
    expect(normalizeExportJob({ id: 1, status: "NEW", destination: { datasetId: "a", dataSetId: "b" } }).destination).toEqual({ datasetId: "a", batches: [] });
  });

  it("leaves a canonical job as it is, and one without destination or batches too", () => {
    const canonical = { id: 1, status: "SUCCEEDED" as const, destination: { datasetId: "d", segmentPerBatch: true, batches: [batch] } };
    expect(normalizeExportJob(canonical)).toEqual(canonical);
    expect(normalizeExportJob({ id: 2, status: "NEW" })).toEqual({ id: 2, status: "NEW" });
    expect(normalizeExportJob({ id: 3, status: "NEW", destination: { datasetId: "d" } })).toEqual({ id: 3, status: "NEW", destination: { datasetId: "d", batches: [] } });
  });

  it("adds no datasetId to a destination that names no dataset", () => {
    const normalized = normalizeExportJob({ id: 5, status: "NEW", destination: { batchId: "b" } } as ExportJob);
    expect(normalized.destination).not.toHaveProperty("datasetId");
  });

  it("leaves a batch without a status without one", () => {
    const job = deepFreeze({ id: 4, status: "PROCESSING", destination: { datasetId: "d", batches: [{ segmentId: "s", batchId: "b" }] } } satisfies ExportJob);
    expect(normalizeExportJob(job).destination!.batches).toEqual([{ segmentId: "s", batchId: "b" }]);
    expect(normalizeExportJob(job).destination!.batches[0]).not.toHaveProperty("status");
  });

  it("builds the batches from batchId for a job created without segmentPerBatch", () => {
    const job = deepFreeze({ id: 3, status: "SUCCEEDED", destination: { datasetId: "d", batchId: "b" } } satisfies ExportJob);
    expect(normalizeExportJob(job).destination).toEqual({ datasetId: "d", batchId: "b", batches: [{ batchId: "b" }] });
  });

  it("does not change its input (frozen inputs above would throw) and returns a new object", () => {
    const input = { id: 1, status: "NEW" as const, destination: { dataSetId: "d", batches: batch } };
    const before = structuredClone(input);
    const output = normalizeExportJob(input);
    expect(input).toEqual(before);
    expect(output).not.toBe(input);
    expect(output.destination).not.toBe(input.destination);
  });
});
