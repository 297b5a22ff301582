import { mayHaveTakenEffect } from "./policy.js";
import { createRedactor, type Redactor } from "./redact.js";
import type { ApiErrorBody, ExportJobStatus } from "./types.js";

const NO_SECRETS = createRedactor();

/** A problem with the options given to the client, found before any request is sent. */
export class ExportJobsConfigError extends Error {
  override readonly name = "ExportJobsConfigError";
}

const MAY_HAVE_TAKEN_EFFECT = "; it may have been carried out all the same, so it is not repeated automatically";

/**
 * The API answered with a status outside 2xx (a redirect included: none is followed), or with a
 * body that is not what it promises. Never holds a credential, even when the server echoed one.
 */
export class ExportJobsApiError extends Error {
  override readonly name = "ExportJobsApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The gateway's `error_code` or the service's first detailed error code. */
  readonly code: string | undefined;
  /** The service problem's `title`. */
  readonly title: string | undefined;
  /** The `x-request-id` this client sent. */
  readonly requestId: string | undefined;
  /** The request id the platform gave in its error body: the id Adobe support asks for. */
  readonly platformRequestId: string | undefined;
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
    /** Says what is wrong instead of the body's own message. */
    reason?: string | undefined;
    /** Scrubs what the server sent; the client passes its own. */
    redactor?: Redactor | undefined;
  }) {
    const redactor = init.redactor ?? NO_SECRETS;
    const body = redactor.value(init.body);
    const details = describeBody(body);
    const summary = init.reason ?? details.text;
    // A service that adopts the sender's id echoes it back: it is then quoted once.
    const platformId = details.requestId !== init.requestId ? details.requestId : undefined;
    const ids = [init.requestId && `request id ${init.requestId}`, platformId && `platform request id ${platformId}`].filter(Boolean);
    const uncertain = mayHaveTakenEffect(init.method, { status: init.status });
    const message = `${init.method} ${init.path} failed with HTTP ${init.status}${details.code ? ` ${details.code}` : ""}: ${summary}${ids.length ? ` (${ids.join(", ")})` : ""}${uncertain ? MAY_HAVE_TAKEN_EFFECT : ""}`;
    super(redactor.text(message));
    this.mayHaveTakenEffect = uncertain;
    this.status = init.status;
    this.code = details.code;
    this.title = details.title;
    this.requestId = init.requestId;
    this.platformRequestId = details.requestId;
    this.method = init.method;
    this.path = init.path;
    this.body = body as ApiErrorBody | string | undefined;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request never got an answer: the connection failed, was reset, or no answer came in time. */
export class ExportJobsNetworkError extends Error {
  override readonly name = "ExportJobsNetworkError";
  /** True for a create whose connection failed after it was sent: the API may have started the job. */
  readonly mayHaveTakenEffect: boolean;
  /** True when no answer came within the client's `timeoutMs`. */
  readonly timedOut: boolean;
  constructor(
    readonly method: string,
    readonly path: string,
    /** The `x-request-id` this client sent. */
    readonly requestId: string | undefined,
    options: { cause: unknown; redactor?: Redactor; /** False when the request never left. */ sent?: boolean },
  ) {
    const uncertain = options.sent !== false && mayHaveTakenEffect(method, { cause: options.cause });
    const timedOut = options.cause instanceof Error && options.cause.name === "TimeoutError";
    const reason = (options.redactor ?? NO_SECRETS).text(causeText(options.cause));
    super(`${method} ${path} got no answer: ${reason}${requestId ? ` (request id ${requestId})` : ""}${uncertain ? MAY_HAVE_TAKEN_EFFECT : ""}`, { cause: options.cause });
    this.mayHaveTakenEffect = uncertain;
    this.timedOut = timedOut;
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

/** A string field of a parsed body; anything else a server put there is ignored. */
function textOf(value: unknown, max = 200): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? truncate(value, max) : undefined;
}

function describeBody(body: unknown): { text: string; code?: string | undefined; title?: string | undefined; requestId?: string | undefined } {
  if (body === undefined || body === "") return { text: "the response has no body" };
  if (typeof body === "string") {
    return /^\s*</.test(body)
      ? { text: "the response is an HTML page, not JSON" }
      : { text: `the response is not JSON: ${truncate(body)}` };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { text: `the body is not an error object: ${truncate(JSON.stringify(body))}` };
  const b = body as Record<string, unknown>;
  const requestId = textOf(b.requestId, 100);
  const gatewayCode = textOf(b.error_code, 40);
  if (gatewayCode) return { code: gatewayCode, text: textOf(b.message) ?? "no message", requestId };
  const detailed = (b.errors !== null && typeof b.errors === "object" ? Object.values(b.errors).flat()[0] : undefined) as { code?: unknown; message?: unknown } | undefined;
  const title = textOf(b.title);
  const text = [title, textOf(b.detail) ?? textOf(detailed?.message)].filter(Boolean).join(": ");
  return { code: textOf(detailed?.code, 40), title, text: text || truncate(JSON.stringify(b)), requestId };
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
