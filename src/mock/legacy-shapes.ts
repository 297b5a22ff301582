// The forms of a job that the description still accepts from older revisions of the API, sent on
// purpose so that a client can be tried against them (`legacyShapes`):
//   - `dataSetId`, the spelling of the newer revisions' `segmentPerBatch` example, for `datasetId`;
//   - `batches` as a single object, as the oldest revision and Adobe's machine-readable description
//     show it, wherever a job has exactly one batch in `batches`;
//   - a batch `status` as a bare string (that example's `"exited"`) wherever it holds one value.
// Jobs are kept in the canonical form and turned into these only on the way out, so the lifecycle
// and the checks read one form.
import type { ExportBatch, ExportJob, ExportJobDestination } from "../types.js";

export function inLegacyShapes(job: ExportJob): ExportJob {
  if (job.destination === undefined) return job;
  const { datasetId, batches, ...rest } = job.destination;
  const destination: ExportJobDestination = { ...rest };
  if (datasetId !== undefined) destination.dataSetId = datasetId;
  if (batches !== undefined) {
    const list = (Array.isArray(batches) ? batches : [batches]).map(withBareStatus);
    destination.batches = list.length === 1 ? list[0]! : list;
  }
  return { ...job, destination };
}

function withBareStatus(batch: ExportBatch): ExportBatch {
  const { status } = batch;
  return Array.isArray(status) && status.length === 1 ? { ...batch, status: status[0]! } : batch;
}
