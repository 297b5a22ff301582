import type { ExportJobsClient } from "./client.js";
import { ExportJobsTimeoutError } from "./errors.js";
import { checkJobId, retrieveExportJob } from "./jobs.js";
import { positiveOption } from "./options.js";
import { deadline, sleep } from "./timers.js";
import type { ExportJob, ExportJobStatus } from "./types.js";

export interface WaitOptions {
  /** The first pause between polls. Default 2 s; it grows by half each poll. */
  intervalMs?: number;
  /** The longest pause between polls. Default 30 s. */
  maxIntervalMs?: number;
  /** Give up after this long. Default 1 hour. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with the job each time its status changes (and on the first poll). */
  onStatus?: (job: ExportJob) => void;
}

// Whether a wait ends at each status. A Record, so that a status added to the description cannot
// compile until someone decides whether it is final.
const FINAL: Record<ExportJobStatus, boolean> = { NEW: false, PROCESSING: false, SUCCEEDED: true, FAILED: true };

export function isFinal(status: ExportJobStatus): boolean {
  // A status this version does not know (the API grew one) is not final: keep polling.
  return FINAL[status] === true;
}

/**
 * Polls a job until it is SUCCEEDED or FAILED and returns it (a FAILED job is returned, not
 * thrown: its `errors` say why). Throws `ExportJobsTimeoutError` naming the last status seen, or
 * the signal's reason when aborted. Waiting never cancels the job.
 */
export async function waitForExportJob(client: ExportJobsClient, id: number, options: WaitOptions = {}): Promise<ExportJob> {
  checkJobId(id, "retrieveExportJob");
  const { signal, onStatus } = options;
  const intervalMs = positiveOption(options.intervalMs, 2_000, "waitForExportJob: intervalMs");
  const maxIntervalMs = positiveOption(options.maxIntervalMs, 30_000, "waitForExportJob: maxIntervalMs");
  const timeoutMs = positiveOption(options.timeoutMs, 3_600_000, "waitForExportJob: timeoutMs");
  // Each poll runs under the wait's own deadline, so a poll that hangs ends with the wait.
  const limit = deadline(timeoutMs, signal);
  let last: ExportJob | undefined;
  let pause = intervalMs;
  try {
    for (;;) {
      const job = await retrieveExportJob(client, id, { signal: limit.signal });
      if (job.status !== last?.status) onStatus?.(job);
      last = job;
      if (isFinal(job.status)) return job;
      await sleep(pause, limit.signal);
      pause = Math.min(pause * 1.5, maxIntervalMs);
    }
  } catch (error) {
    if (limit.signal.aborted && !signal?.aborted) throw new ExportJobsTimeoutError(id, last?.status, timeoutMs);
    throw error;
  } finally {
    limit.clear();
  }
}
