import type { ApiErrorBody, ExportJobStatus } from "./types.js";

/** A problem with the options given to the client, found before any request is sent. */
export class ExportJobsConfigError extends Error {
  override readonly name = "ExportJobsConfigError";
}

/**
 * Whether a request that is not safe to repeat (a POST, which creates a job) may have been carried
 * out though no usable answer came back: it got none, a server error, or a success it could not
 * read. A client error (4xx) means it was refused.
 */
function mayHaveTakenEffect(method: string, status?: number): boolean {
  return method.toUpperCase() === "POST" && (status === undefined || status < 400 || status >= 500);
}

// Failures while connecting: the request was never written, so it cannot have been carried out.
const FAILED_BEFORE_SENDING = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** fetch wraps the socket's error: `TypeError("fetch failed", { cause: { code } })`. */
function failedBeforeSending(cause: unknown): boolean {
  for (let error = cause, depth = 0; error && typeof error === "object" && depth < 3; depth++) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && FAILED_BEFORE_SENDING.has(code)) return true;
    error = (error as { cause?: unknown }).cause;
  }
  return false;
}

const MAY_HAVE_TAKEN_EFFECT = "; it may have been carried out all the same, so it is not repeated automatically";

/** The API answered with a status outside 2xx, or with a body that is not what it promises. */
export class ExportJobsApiError extends Error {
  override readonly name = "ExportJobsApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The gateway's `error_code` or the service's first detailed error code. */
  readonly code: string | undefined;
  /** The service problem's `title`. */
  readonly title: string | undefined;
  /** The `x-request-id` this client sent: quote it to Adobe support. */
  readonly requestId: string | undefined;
  readonly method: string;
  /** The request path, without the base URL. */
  readonly path: string;
  /** The parsed body (`ApiErrorBody` when the API followed its description), or its text. */
  readonly body: ApiErrorBody | string | undefined;
  /** How long the API asked to wait, from `Retry-After`. */
  readonly retryAfterMs: number | undefined;
  /**
   * True when a create may have started a job all the same (a server error, or a success whose
   * body could not be read): look for the job before creating it again.
   */
  readonly mayHaveTakenEffect: boolean;

  constructor(init: {
    status: number;
    method: string;
    path: string;
    body: unknown;
    requestId?: string | undefined;
    retryAfterMs?: number | undefined;
    reason?: string;
  }) {
    const details = describeBody(init.body);
    const summary = init.reason ?? details.text;
    const trace = init.requestId ? ` (request id ${init.requestId})` : "";
    const uncertain = mayHaveTakenEffect(init.method, init.status);
    super(`${init.method} ${init.path} failed with HTTP ${init.status}${details.code ? ` ${details.code}` : ""}: ${summary}${trace}${uncertain ? MAY_HAVE_TAKEN_EFFECT : ""}`);
    this.mayHaveTakenEffect = uncertain;
    this.status = init.status;
    this.code = details.code;
    this.title = details.title;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.body = init.body as ApiErrorBody | string | undefined;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request never got an answer: the connection failed or was reset. */
export class ExportJobsNetworkError extends Error {
  override readonly name = "ExportJobsNetworkError";
  /** True for a create whose connection failed after it was sent: the API may have started the job. */
  readonly mayHaveTakenEffect: boolean;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly requestId: string | undefined,
    options: { cause: unknown },
  ) {
    const uncertain = mayHaveTakenEffect(method) && !failedBeforeSending(options.cause);
    super(`${method} ${path} got no answer: ${causeText(options.cause)}${requestId ? ` (request id ${requestId})` : ""}${uncertain ? MAY_HAVE_TAKEN_EFFECT : ""}`, options);
    this.mayHaveTakenEffect = uncertain;
  }
}

export interface ValidationIssue {
  /** JSON pointer of the offending value, prefixed by where it is (`query`, `path`, `body`). */
  pointer: string;
  message: string;
}

/** A request or response that does not match the description. */
export class ExportJobsValidationError extends Error {
  override readonly name = "ExportJobsValidationError";
  constructor(
    readonly direction: "request" | "response",
    readonly operationId: string,
    readonly issues: ValidationIssue[],
  ) {
    const list = issues.map((i) => `${i.pointer} ${i.message}`).join("; ");
    super(
      direction === "request"
        ? `Invalid ${operationId} request, nothing was sent: ${list}`
        : `The ${operationId} response does not match the description: ${list}`,
    );
  }
}

/** `waitForExportJob` ran out of time before the job finished. */
export class ExportJobsTimeoutError extends Error {
  override readonly name = "ExportJobsTimeoutError";
  constructor(
    readonly jobId: number,
    readonly lastStatus: ExportJobStatus | undefined,
    readonly timeoutMs: number,
  ) {
    super(
      `Export job ${jobId} did not finish within ${timeoutMs} ms; its last status was ${lastStatus ?? "unknown (never retrieved)"}`,
    );
  }
}

/** The list's paging links cannot be followed safely. */
export class ExportJobsPaginationError extends Error {
  override readonly name = "ExportJobsPaginationError";
}

function causeText(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}

function describeBody(body: unknown): { text: string; code?: string; title?: string } {
  if (body === undefined || body === "") return { text: "the response has no body" };
  if (typeof body === "string") {
    return /^\s*</.test(body)
      ? { text: "the response is an HTML page, not JSON" }
      : { text: `the response is not JSON: ${truncate(body)}` };
  }
  if (typeof body !== "object" || body === null) return { text: truncate(JSON.stringify(body)) };
  const b = body as Record<string, any>;
  if (typeof b.error_code === "string" || typeof b.error_code === "number") {
    return { code: String(b.error_code), text: String(b.message ?? "no message") };
  }
  const detailed = Object.values(b.errors ?? {}).flat()[0] as { code?: string; message?: string } | undefined;
  const title = typeof b.title === "string" ? b.title : undefined;
  const text = [title, b.detail ?? detailed?.message].filter(Boolean).join(": ");
  return { code: detailed?.code, title, text: text || truncate(JSON.stringify(b)) };
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
