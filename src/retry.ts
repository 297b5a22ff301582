import type { Middleware } from "openapi-fetch";
import { annotateErrorResponse, REQUEST_ID_HEADER, type Credentials } from "./auth.js";
import { sleep } from "./sleep.js";

export interface RetryOptions {
  /** How many times a failed idempotent request is repeated. Default 3. */
  retries?: number;
  /** The first backoff delay; each retry doubles it, with jitter. Default 500 ms. */
  minDelayMs?: number;
  /** The longest the client waits before a retry. A `Retry-After` beyond it is not waited for. Default 30 s. */
  maxDelayMs?: number;
}

/** Statuses that say "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

// Repeating a create could start a second export, so only methods that are safe to repeat retry.
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "DELETE", "PUT"]); // mutation: idempotent-methods

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** `Retry-After` as milliseconds, from delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(attempt: number, options: Required<RetryOptions>, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** attempt);
  // "Equal jitter": never less than half the step, so retries do not bunch up at zero.
  return ceiling / 2 + random() * (ceiling / 2);
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError"));
}

/**
 * Repeats idempotent requests that failed for a reason that may pass: 429, 5xx gateway and
 * availability errors, and network errors; and, once, a request answered 401 when the token
 * can be refreshed. Each repeat gets the current credentials and a new request id.
 */
export function retryMiddleware(options: RetryOptions, credentials: Credentials): Middleware {
  const settings: Required<RetryOptions> = {
    retries: options.retries ?? 3,
    minDelayMs: options.minDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
  };

  async function repeat(
    request: Request,
    fetchImpl: typeof fetch,
    first: { response: Response } | { error: unknown },
  ): Promise<Response | undefined> {
    let outcome = first;
    let attempt = 0;
    let refreshed = false;
    for (;;) {
      const response = "response" in outcome ? outcome.response : undefined;
      let delay: number;
      if (response?.status === 401 && !refreshed && credentials.invalidate()) {
        refreshed = true;
        delay = 0;
      } else if (attempt < settings.retries && (response === undefined || RETRYABLE_STATUSES.has(response.status))) {
        if ("error" in outcome && isAbort(outcome.error, request.signal)) throw outcome.error;
        const asked = parseRetryAfter(response?.headers.get("retry-after") ?? null);
        if (asked !== undefined && asked > settings.maxDelayMs) break;
        delay = asked ?? backoffDelay(attempt, settings);
        attempt++;
      } else {
        break;
      }
      // Not awaited: cancelling one branch of a teed body only settles when the other branch is done.
      response?.body?.cancel().catch(() => undefined);
      await sleep(delay, request.signal);
      const next = new Request(request);
      await credentials.apply(next);
      try {
        const answer = await fetchImpl(next);
        outcome = { response: answer.ok ? answer : await annotateErrorResponse(answer, next.headers.get(REQUEST_ID_HEADER), credentials) };
      } catch (error) {
        outcome = { error };
      }
    }
    if ("error" in outcome) throw outcome.error;
    return outcome.response;
  }

  async function afterFailure(request: Request, response: Response, fetchImpl: typeof fetch): Promise<Response | undefined> {
    if (!isIdempotent(request.method)) {
      // Not repeated, but the next request should not reuse a token the API refused.
      if (response.status === 401) credentials.invalidate();
      return undefined;
    }
    if (!RETRYABLE_STATUSES.has(response.status) && response.status !== 401) return undefined;
    const final = await repeat(request, fetchImpl, { response });
    return final === response ? undefined : final;
  }

  return {
    // Not async: a successful answer, the common case, passes without allocating a promise.
    onResponse({ request, response, options: { fetch: fetchImpl } }) {
      return response.ok ? undefined : afterFailure(request, response, fetchImpl);
    },
    async onError({ request, error, options: { fetch: fetchImpl } }) {
      if (!isIdempotent(request.method) || isAbort(error, request.signal)) return undefined;
      return repeat(request, fetchImpl, { error });
    },
  };
}
