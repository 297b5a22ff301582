import type { ExportBatch, ExportJob, ExportJobDestination, SegmentStatus } from "./types.js";

export interface NormalizedExportBatch extends Omit<ExportBatch, "status"> {
  status?: SegmentStatus[];
}

export interface NormalizedExportJobDestination extends Omit<ExportJobDestination, "dataSetId" | "batches"> {
  batches?: NormalizedExportBatch[];
}

export interface NormalizedExportJob extends Omit<ExportJob, "destination"> {
  destination?: NormalizedExportJobDestination;
}

function normalizeBatch(batch: ExportBatch): NormalizedExportBatch {
  if (batch.status === undefined || Array.isArray(batch.status)) return batch as NormalizedExportBatch;
  return { ...batch, status: [batch.status] };
}

/**
 * The canonical view of a job, whichever revision of the API sent it: `destination.batches` is
 * always an array, each batch's `status` always an array, and the legacy `dataSetId` key becomes
 * `datasetId`. Pure: the input is not changed (unchanged parts are shared, not copied).
 */
export function normalizeExportJob(job: ExportJob): NormalizedExportJob {
  const { destination, ...fields } = job;
  if (destination === undefined) return fields;
  const { dataSetId, batches, ...rest } = destination;
  const canonical: NormalizedExportJobDestination = rest;
  if (canonical.datasetId === undefined && dataSetId !== undefined) canonical.datasetId = dataSetId;
  if (batches !== undefined) canonical.batches = (Array.isArray(batches) ? batches : [batches]).map(normalizeBatch);
  return { ...fields, destination: canonical };
}
