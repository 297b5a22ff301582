// Friendly names for the generated types, so that users never need to index into `components`.
import type { CancellationAcknowledgement } from "../generated/openapi.js";

export type {
  paths,
  components,
  operations,
  ExportJob,
  ExportJobStatus,
  ExportJobStatusFilter,
  SegmentStatus,
  CreateExportJobRequest,
  ExportJobList,
  CancellationAcknowledgement,
  ApiErrorBody,
  ExportBatch,
  ExportJobDestination,
  ExportJobFilter,
  ExportJobMetrics,
  ExportSegment,
  GatewayError,
  ServiceProblem,
  JobError,
} from "../generated/openapi.js";
export type { OperationId } from "../generated/api-facts.js";

/**
 * @deprecated use CancellationAcknowledgement. The schema was renamed because orval's axios client
 * declares a type of this name for the `cancelExportJob` operation, and its output did not compile.
 */
export type CancelExportJobResult = CancellationAcknowledgement;
