// Turns a create request into the job the service would answer with: NEW, with its batches.
import type { CreateExportJobRequest, ExportBatch, ExportJob } from "../types.js";

export interface CreationContext {
  id: number;
  now: number;
  requestId: string;
  orgId: string;
  profileInstanceId: string;
}

export function jobFromRequest(request: CreateExportJobRequest, context: CreationContext): ExportJob {
  const { destination, ...rest } = structuredClone(request);
  const segmentPerBatch = destination.segmentPerBatch ?? false;
  return {
    id: context.id,
    jobType: "BATCH",
    destination: segmentPerBatch
      ? { datasetId: destination.datasetId, segmentPerBatch, batches: batchesPerSegment(request, context.id) }
      : { datasetId: destination.datasetId, segmentPerBatch, batchId: batchIdFor(context.id, 0) },
    ...rest,
    imsOrgId: context.orgId,
    status: "NEW",
    profileInstanceId: context.profileInstanceId,
    metrics: { totalTime: { startTimeInMs: context.now } },
    computeGatewayJobId: { exportJob: "" },
    creationTime: context.now,
    updateTime: context.now,
    requestId: context.requestId,
  };
}

function batchesPerSegment(request: CreateExportJobRequest, id: number): ExportBatch[] {
  return (request.filter?.segments ?? []).map((segment, index) => ({
    segmentId: segment.segmentId,
    segmentNs: segment.segmentNs ?? "ups",
    // The documented default for a segment that names no statuses.
    status: segment.status ?? ["realized"],
    batchId: batchIdFor(id, index),
  }));
}

function batchIdFor(id: number, index: number): string {
  return `mock${String(id).padStart(12, "0")}${String(index).padStart(4, "0")}`;
}
