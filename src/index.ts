export {
  createExportJobsClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  PRODUCTION_BASE_URL,
  STAGE_BASE_URL,
} from "./client.js";
export type { ExportJobsClient, ExportJobsClientOptions, RequestInfo } from "./client.js";
export type { AccessTokenSource, TokenProvider } from "./auth.js";
export type { RetryOptions } from "./retry-loop.js";
export { retrieveExportJob, listExportJobs, createExportJob, cancelExportJob } from "./jobs.js";
export type { CallOptions, CreateOptions, ListExportJobsQuery, ExportJobCancellation } from "./jobs.js";
export { iterateExportJobs, DEFAULT_MAX_PAGES } from "./paginate.js";
export type { IterateOptions } from "./paginate.js";
export { waitForExportJob } from "./wait.js";
export type { WaitOptions } from "./wait.js";
export { normalizeExportJob } from "./normalize.js";
export type { NormalizedExportJob, NormalizedExportJobDestination, NormalizedExportBatch } from "./normalize.js";
export { validatePayload, validateOperationPayload } from "./validation.js";
export type { PayloadKind, ValidationResult } from "./validate.js";
export {
  ExportJobsApiError,
  ExportJobsConfigError,
  ExportJobsNetworkError,
  ExportJobsPaginationError,
  ExportJobsTimeoutError,
  ExportJobsValidationError,
} from "./errors.js";
export type { ValidationIssue } from "./errors.js";
export type * from "./types.js";
export { createImsTokenProvider, ImsTokenError, DEFAULT_IMS_URL } from "./ims.js";
export type { ImsTokenProvider, ImsTokenProviderOptions } from "./ims.js";
