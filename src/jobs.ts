import { redactorOf, type ExportJobsClient } from "./client.js";
import { ExportJobsApiError, ExportJobsValidationError } from "./errors.js";
import { ReadResponse } from "./read-response.js";
import { cancellationShape, exportJobListShape, exportJobShape, type ShapeCheck } from "./shapes.js";
import { REQUEST_ID_HEADER } from "./transport.js";
import { parseRetryAfter } from "./wire.js";
import type { CreateExportJobRequest, ExportJob, ExportJobList, OperationId, operations } from "./types.js";

export interface CallOptions {
  signal?: AbortSignal;
}

export type ListExportJobsQuery = NonNullable<operations["listExportJobs"]["parameters"]["query"]>;

/** The JSON body an operation answers a status with, as the description types it. */
type JsonBody<Id extends OperationId, Status extends keyof operations[Id]["responses"]> = operations[Id]["responses"][Status] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;

interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

interface Call {
  client: ExportJobsClient;
  method: string;
  path: string;
  signal: AbortSignal | undefined;
  /** What a successful body must be; `emptyAllowed` for an answer that may have none (a 204). */
  shape: ShapeCheck;
  emptyAllowed?: boolean;
}

/**
 * Runs one client call made with `parseAs: "text"` and returns its parsed body, or throws:
 * `ExportJobsApiError` for an error answer or a body that is missing, not JSON or not the shape the
 * operation promises; the transport's own errors; the signal's reason when it was aborted.
 */
async function bodyOf<T>(call: Call, send: () => Promise<Outcome>): Promise<{ data: T | undefined; response: Response }> {
  const { method, path, signal } = call;
  let outcome: Outcome;
  try {
    outcome = await send();
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
  const { response } = outcome;
  const redactor = redactorOf(call.client);
  const fail = (body: unknown, reason?: string) =>
    new ExportJobsApiError({
      status: response.status,
      method,
      path,
      body,
      requestId: response.headers.get(REQUEST_ID_HEADER) ?? undefined,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      reason,
      redactor,
    });
  if (!response.ok) throw fail(outcome.error);
  // Parsed here rather than by openapi-fetch, so that a body that is not JSON becomes an API
  // error that still knows the status.
  const text = typeof outcome.data === "string" ? outcome.data : "";
  if (text === "") {
    if (call.emptyAllowed) return { data: undefined, response };
    throw fail(undefined);
  }
  let data: unknown;
  try {
    // The transport's response parses once, however many readers ask (`validateResponses` too).
    data = await (response instanceof ReadResponse ? response.json() : JSON.parse(text));
  } catch {
    throw fail(text, "the response body is not valid JSON");
  }
  const problem = call.shape(data);
  if (problem) throw fail(data, `the response body ${problem}`);
  return { data: data as T, response };
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
  const { signal } = options;
  const { data } = await bodyOf<JsonBody<"retrieveExportJob", 200>>({ client, method: "GET", path, signal, shape: exportJobShape }, () =>
    client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } }, parseAs: "text", signal }),
  );
  return data!;
}

export async function listExportJobs(client: ExportJobsClient, query: ListExportJobsQuery = {}, options: CallOptions = {}): Promise<ExportJobList> {
  const path = "/export/jobs";
  const { signal } = options;
  const { data } = await bodyOf<JsonBody<"listExportJobs", 200>>({ client, method: "GET", path, signal, shape: exportJobListShape }, () =>
    client.GET(path, { params: { query }, parseAs: "text", signal }),
  );
  return data!;
}

export interface CreateOptions extends CallOptions {
  /** Sent as `x-profile-instance-id`. */
  profileInstanceId?: string;
}

/** Creates a job. Sent once, never retried: a repeated create could start a second export. */
export async function createExportJob(client: ExportJobsClient, body: CreateExportJobRequest, options: CreateOptions = {}): Promise<ExportJob> {
  const path = "/export/jobs";
  const { signal } = options;
  // openapi-fetch leaves out a header whose value is undefined.
  const header = { "x-profile-instance-id": options.profileInstanceId };
  const { data } = await bodyOf<JsonBody<"createExportJob", 200>>({ client, method: "POST", path, signal, shape: exportJobShape }, () =>
    client.POST(path, { body, params: { header }, parseAs: "text", signal }),
  );
  return data!;
}

/** The outcome of a cancel request, the same whether the API answered 200 or 204. */
export interface ExportJobCancellation {
  jobId: number;
  /** 200 or 204, as the API answered. */
  httpStatus: number;
  /** True when the job was marked for cancelling (a 204 says so by itself). */
  accepted: boolean;
  /** The API's acknowledgement, when it sent one. */
  message?: string;
}

/** Asks the API to cancel a job. The job may still finish before the cancellation takes effect. */
export async function cancelExportJob(client: ExportJobsClient, id: number, options: CallOptions = {}): Promise<ExportJobCancellation> {
  const path = `/export/jobs/${checkJobId(id, "cancelExportJob")}`;
  const { signal } = options;
  const { data, response } = await bodyOf<JsonBody<"cancelExportJob", 200>>(
    { client, method: "DELETE", path, signal, shape: cancellationShape, emptyAllowed: true },
    () => client.DELETE("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } }, parseAs: "text", signal }),
  );
  const httpStatus = response.status;
  // No body, as on every 204 (some documentation shows a 204 with one, which HTTP does not allow):
  // the status alone means accepted.
  if (data === undefined) return { jobId: id, httpStatus, accepted: true };
  return { jobId: id, httpStatus, accepted: data.status !== false, ...(data.message === undefined ? {} : { message: data.message }) };
}
