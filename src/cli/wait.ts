import { ExportJobsTimeoutError, waitForExportJob, type ExportJob, type ExportJobsClient, type ExportJobStatus } from "../index.js";
import { jobIdArgument, GLOBAL_OPTIONS, parseCommand } from "./args.js";
import type { Command, CommandContext } from "./command.js";
import { clientFor } from "./connect.js";
import { durationOption, formatDuration } from "./duration.js";
import { EXIT_CODES_HELP, EXIT_INTERRUPTED, EXIT_JOB_FAILED, EXIT_OK, EXIT_TIMED_OUT } from "./exit-codes.js";
import { commandHelp, PROGRAM } from "./help.js";
import { describeJobError, metricLines, outcomeLine } from "./job-view.js";
import { printable } from "./printable.js";
import { createProgress } from "./progress.js";

export const WAIT_OPTIONS = {
  timeout: { type: "string", value: "D", help: "give up after D (default 1h); durations: 500ms, 90s, 5m, 1h, 1h30m" },
  interval: { type: "string", value: "D", help: "poll every D (default: every 2s at first, backing off to 30s)" },
} as const;

const OPTIONS = { ...GLOBAL_OPTIONS, ...WAIT_OPTIONS, json: { type: "boolean", help: "print the finished job as JSON" } } as const;

const usage = `${PROGRAM} wait ID [--timeout DURATION] [--interval DURATION] [--json]`;

export const waitCommand: Command = {
  name: "wait",
  summary: "wait until an export job SUCCEEDED or FAILED",
  usage,
  help: commandHelp({
    usage,
    description: `Polls export job ID until it is SUCCEEDED or FAILED. On a terminal, one status line is updated
in place (spinner, status, time elapsed); otherwise one line per status change is written to
stderr. At the end the outcome and the job's metrics (or its errors) are printed.
Ctrl-C stops waiting; it does NOT cancel the job (use: ${PROGRAM} cancel ID).`,
    options: OPTIONS,
    exitStatus: EXIT_CODES_HELP,
  }),
  async run(context) {
    const { values, positionals } = parseCommand(context.args, OPTIONS);
    const id = jobIdArgument(positionals);
    const settings = waitSettings(values);
    const client = clientFor(context, values);
    return waitAndReport(context, client, id, { ...settings, json: values.json === true });
  },
};

// How the tool exits once a wait ends, for every status: a Record, so that a status added to the
// description cannot compile until it has an exit status. A wait ends only on a final status; a job
// still NEW or PROCESSING has not finished, which is what EXIT_TIMED_OUT tells a script.
const EXIT_STATUS_AFTER_WAIT: Record<ExportJobStatus, number> = {
  NEW: EXIT_TIMED_OUT,
  PROCESSING: EXIT_TIMED_OUT,
  SUCCEEDED: EXIT_OK,
  FAILED: EXIT_JOB_FAILED,
};

export interface WaitSettings {
  timeoutMs?: number;
  intervalMs?: number;
}

export function waitSettings(values: { timeout?: string | undefined; interval?: string | undefined }): WaitSettings {
  const settings: WaitSettings = {};
  if (values.timeout !== undefined) settings.timeoutMs = durationOption(values.timeout, "--timeout");
  if (values.interval !== undefined) settings.intervalMs = durationOption(values.interval, "--interval");
  return settings;
}

/** Waits for the job, shows progress, prints the outcome; resolves with the exit status. */
export async function waitAndReport(
  context: CommandContext,
  client: ExportJobsClient,
  id: number,
  settings: WaitSettings & { json: boolean },
): Promise<number> {
  const { stdout, stderr } = context.io;
  const progress = createProgress(stderr, id);
  let last: ExportJob | undefined;
  let job: ExportJob;
  try {
    job = await waitForExportJob(client, id, {
      signal: context.signal,
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      // An explicit interval is kept as is, rather than backed off from.
      ...(settings.intervalMs === undefined ? {} : { intervalMs: settings.intervalMs, maxIntervalMs: settings.intervalMs }),
      onStatus: (update) => {
        last = update;
        progress.update(update);
      },
    });
  } catch (error) {
    progress.stop();
    if (error instanceof ExportJobsTimeoutError) {
      await stderr.line(
        `${stderr.paint.red("error:")} export job ${id} did not finish within ${formatDuration(error.timeoutMs)}; its last status was ${printable(error.lastStatus ?? "unknown (never retrieved)")}. The job goes on: wait again, or cancel it with ${PROGRAM} cancel ${id}`,
      );
      return EXIT_TIMED_OUT;
    }
    if (context.signal.aborted) {
      await stderr.line(
        `Interrupted: stopped waiting for export job ${id}${last ? ` (last status ${printable(last.status)})` : ""}. The job was NOT cancelled; to cancel it: ${PROGRAM} cancel ${id}`,
      );
      return EXIT_INTERRUPTED;
    }
    throw error;
  }
  progress.stop();

  if (settings.json) await stdout.line(JSON.stringify(job, null, 2));
  else for (const line of [outcomeLine(job, stdout.paint), ...metricLines(job).map((l) => `  ${l}`)]) await stdout.line(line);
  const exitStatus = EXIT_STATUS_AFTER_WAIT[job.status];
  if (exitStatus === EXIT_JOB_FAILED) {
    const errors = job.errors ?? [];
    await stderr.line(`${stderr.paint.red("error:")} export job ${id} ${printable(job.status)}${errors.length ? ":" : " without reporting errors"}`);
    for (const entry of errors) await stderr.line(`  ${describeJobError(entry)}`);
  }
  return exitStatus;
}
