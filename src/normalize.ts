import type { ExportBatch, ExportJob, ExportJobDestination, SegmentStatus } from "./types.js";

export interface NormalizedExportBatch extends Omit<ExportBatch, "status"> {
  status?: SegmentStatus[];
}

export interface NormalizedExportJobDestination extends Omit<ExportJobDestination, "dataSetId" | "batches"> {
  /** Every batch of the job: one per audience with `segmentPerBatch`, else the one `batchId`; empty before any is written. */
  batches: NormalizedExportBatch[];
}

export interface NormalizedExportJob extends Omit<ExportJob, "destination"> {
  destination?: NormalizedExportJobDestination;
}

function normalizeBatch(batch: ExportBatch): NormalizedExportBatch {
  if (batch.status === undefined || Array.isArray(batch.status)) return batch as NormalizedExportBatch;
  return { ...batch, status: [batch.status] };
}

function batchesOf(destination: ExportJobDestination): NormalizedExportBatch[] {
  const { batches, batchId } = destination;
  if (batches !== undefined) return (Array.isArray(batches) ? batches : [batches]).map(normalizeBatch);
  // Without `segmentPerBatch` the service names the one batch in `batchId` alone.
  return batchId === undefined ? [] : [{ batchId }];
}

/**
 * The canonical view of a job, whichever revision of the API sent it and however it was created:
 * `destination.batches` is always an array (built from `batchId` when that is all there is), each
 * batch's `status` always an array, and the legacy `dataSetId` key becomes `datasetId`. Pure: the
 * input is not changed (unchanged parts are shared, not copied).
 */
export function normalizeExportJob(job: ExportJob): NormalizedExportJob {
  const { destination, ...fields } = job;
  if (destination === undefined) return fields;
  const { dataSetId, batches: _batches, ...rest } = destination;
  const canonical: NormalizedExportJobDestination = { ...rest, batches: batchesOf(destination) };
  if (canonical.datasetId === undefined && dataSetId !== undefined) canonical.datasetId = dataSetId;
  return { ...fields, destination: canonical };
}
