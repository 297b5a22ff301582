import { createExportJobsClient, type ExportJobsClient, type RequestInfo } from "../index.js";
import { durationOption, formatDuration } from "./duration.js";
import { baseUrlFrom, credentialsFrom } from "./env.js";
import type { CommandContext } from "./command.js";

export interface GlobalValues {
  "base-url"?: string | undefined;
  "request-timeout"?: string | undefined;
  verbose?: boolean | undefined;
}

/**
 * The API client for a command: credentials from the environment, `--base-url`,
 * `--request-timeout`, `--verbose` logging.
 */
export function clientFor(context: CommandContext, values: GlobalValues): ExportJobsClient {
  const { io, env } = context;
  const credentials = credentialsFrom(env, io.addSecret);
  const { source: _source, ...auth } = credentials;
  const log = values.verbose ? (info: RequestInfo) => void io.stderr.line(io.stderr.paint.dim(describeAttempt(info))) : undefined;
  const timeoutMs = requestTimeout(values["request-timeout"], env.AEP_REQUEST_TIMEOUT);
  return createExportJobsClient({
    ...auth,
    baseUrl: baseUrlFrom(values["base-url"], env),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(log ? { onRequest: log } : {}),
  });
}

function requestTimeout(flag: string | undefined, variable: string | undefined): number | undefined {
  const [text, source] = flag !== undefined ? [flag, "--request-timeout"] : [variable?.trim() || undefined, "AEP_REQUEST_TIMEOUT"];
  return text === undefined ? undefined : durationOption(text, source);
}

/** One line per HTTP attempt. Only what `onRequest` reports: never a header, so never a credential. */
export function describeAttempt(info: RequestInfo): string {
  const status = info.status === 0 ? "no answer" : String(info.status);
  return `${info.method} ${info.url} ${status} ${formatDuration(info.durationMs)} request-id=${info.requestId}`;
}
