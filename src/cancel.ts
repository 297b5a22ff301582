import type { ExportJobsClient } from "./client.js";
import { checkJobId, dataOf, type CallOptions } from "./jobs.js";
import type { CancelExportJobResult } from "./types.js";

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
  const { data, response } = await dataOf<CancelExportJobResult>(
    "DELETE",
    path,
    () => client.DELETE("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } }, parseAs: "text", signal: options.signal }),
    options.signal,
  );
  const httpStatus = response.status;
  // A 204 cannot carry a body (some documentation shows one): its status alone means accepted.
  if (httpStatus === 204 || data === undefined) return { jobId: id, httpStatus, accepted: true };
  return { jobId: id, httpStatus, accepted: data.status !== false, ...(data.message === undefined ? {} : { message: data.message }) };
}
