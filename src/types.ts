// Friendly names for the generated types, so that users never need to index into `components`.
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
  CancelExportJobResult,
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
