import type { ExportJob } from "../../src/index.js";

export const NEWEST_CREATION_TIME = Date.UTC(2024, 4, 1, 12, 0, 0);

/** `count` finished jobs, newest first, one second apart, ids counting down from `count`. */
export function manyJobs(count: number): ExportJob[] {
  return Array.from({ length: count }, (_, i) => finishedJob(count - i, NEWEST_CREATION_TIME - i * 1000));
}

export function finishedJob(id: number, creationTime: number, overrides: Partial<ExportJob> = {}): ExportJob {
  return {
    id,
    jobType: "BATCH",
    status: id % 5 === 0 ? "FAILED" : "SUCCEEDED",
    creationTime,
    updateTime: creationTime + 60_000,
    schema: { name: "_xdm.context.profile" },
    destination: { datasetId: "5b7c86968f7b6501e21ba9df", segmentPerBatch: false, batchId: `batch-${id}` },
    filter: { segments: [{ segmentId: `segment-${id}`, segmentNs: "ups", status: ["realized"] }] },
    metrics: { totalTime: { startTimeInMs: creationTime, endTimeInMs: creationTime + 505_864, totalTimeInMs: 505_864 } },
    ...overrides,
  };
}
