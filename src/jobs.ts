import { REQUEST_ID_HEADER } from "./auth.js";
import type { ExportJobsClient } from "./client.js";
import { ExportJobsApiError, ExportJobsNetworkError, ExportJobsValidationError } from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import type { CreateExportJobRequest, ExportJob, ExportJobList, operations } from "./types.js";
import type { OperationId } from "./validate.js";

export interface CallOptions {
  signal?: AbortSignal;
}

export type ListExportJobsQuery = NonNullable<operations["listExportJobs"]["parameters"]["query"]>;

interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Runs one client call made with `parseAs: "text"` and returns its parsed data, or throws:
 * `ExportJobsApiError` for an error answer or a body that is not JSON, `ExportJobsNetworkError`
 * when no answer came, the signal's reason when it was aborted.
 */
export async function dataOf<T>(
  method: string,
  path: string,
  call: () => Promise<Outcome>,
  signal?: AbortSignal,
): Promise<{ data: T | undefined; response: Response }> {
  let outcome: Outcome;
  try {
    outcome = await call();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof TypeError) throw new ExportJobsNetworkError(method, path, undefined, { cause: error });
    throw error;
  }
  const { response } = outcome;
  if (!response.ok) {
    throw new ExportJobsApiError({
      status: response.status,
      method,
      path,
      body: outcome.error,
      requestId: response.headers.get(REQUEST_ID_HEADER) ?? undefined,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  // Parsed here rather than by openapi-fetch, so that a body that is not JSON becomes an API
  // error that still knows the status.
  const text = outcome.data;
  if (typeof text !== "string" || text === "") return { data: undefined, response };
  try {
    return { data: JSON.parse(text) as T, response };
  } catch {
    throw new ExportJobsApiError({ status: response.status, method, path, body: text, reason: "the response body is not valid JSON" });
  }
}

function requireData<T>(method: string, path: string, response: Response, data: T | undefined): T {
  if (data === undefined) {
    throw new ExportJobsApiError({ status: response.status, method, path, body: undefined, reason: "the response has no body" });
  }
  return data;
}

/** Refuses, before any request, an id the API cannot have issued. */
export function checkJobId(id: unknown, operationId: OperationId): number {
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) {
    throw new ExportJobsValidationError("request", operationId, [
      { pointer: "path/EXPORT_JOB_ID", message: `must be a positive integer (got ${JSON.stringify(id)})` },
    ]);
  }
  return id;
}

export async function retrieveExportJob(client: ExportJobsClient, id: number, options: CallOptions = {}): Promise<ExportJob> {
  const path = `/export/jobs/${checkJobId(id, "retrieveExportJob")}`;
  const { data, response } = await dataOf<ExportJob>("GET", path, () =>
    client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } }, parseAs: "text", signal: options.signal }), options.signal);
  return requireData("GET", path, response, data);
}

export async function listExportJobs(client: ExportJobsClient, query: ListExportJobsQuery = {}, options: CallOptions = {}): Promise<ExportJobList> {
  const path = "/export/jobs";
  const { data, response } = await dataOf<ExportJobList>("GET", path, () => client.GET(path, { params: { query }, parseAs: "text", signal: options.signal }), options.signal);
  return requireData("GET", path, response, data);
}

export interface CreateOptions extends CallOptions {
  /** Sent as `x-profile-instance-id`. */
  profileInstanceId?: string;
}

/** Creates a job. Never retried: a repeated create could start a second export. */
export async function createExportJob(client: ExportJobsClient, body: CreateExportJobRequest, options: CreateOptions = {}): Promise<ExportJob> {
  const path = "/export/jobs";
  const header = options.profileInstanceId === undefined ? undefined : { "x-profile-instance-id": options.profileInstanceId };
  const { data, response } = await dataOf<ExportJob>("POST", path, () => client.POST(path, { body, params: { header }, parseAs: "text", signal: options.signal }), options.signal);
  return requireData("POST", path, response, data);
}
