// Whether and when to send an attempt again (the decision), and the loop that does it (the
// mechanism). What is safe to repeat is settled in policy.ts.
import type { Credentials } from "./auth.js";
import { ExportJobsNetworkError } from "./errors.js";
import { isIdempotent, RETRYABLE_STATUSES } from "./policy.js";
import { sleep } from "./timers.js";
import type { Outgoing, Send } from "./transport.js";

export interface RetryOptions {
  /** How many times a failed idempotent request is repeated. Default 3. */
  retries?: number;
  /** The first backoff delay; each retry doubles it, with jitter. Default 500 ms. */
  minDelayMs?: number;
  /** The longest the client waits before a retry. A `Retry-After` beyond it is not waited for. Default 30 s. */
  maxDelayMs?: number;
}

export type RetrySettings = Required<RetryOptions>;

export const DEFAULT_RETRY: RetrySettings = { retries: 3, minDelayMs: 500, maxDelayMs: 30_000 };

const DELTA_SECONDS = /^\d+$/;
// IMF-fixdate, the form HTTP sends (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `Retry-After` as milliseconds, from delta-seconds or an HTTP date; undefined when absent or
 * unreadable (`1.5`, `-5`, `soon`), so that the backoff applies rather than an immediate repeat.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(attempt: number, settings: RetrySettings, random = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** attempt);
  // "Equal jitter": never less than half the step, so retries do not bunch up at zero.
  return ceiling / 2 + random() * (ceiling / 2);
}

type Outcome = { response: Response } | { error: unknown };

interface RetryState {
  /** Retries made so far for availability, not counting the one after a token refresh. */
  retries: number;
  refreshed: boolean;
}

/**
 * The decision for one outcome: the delay before the next attempt, with `refresh` when the token
 * must be renewed first, or undefined to hand the outcome to the caller.
 */
export function nextAttempt(
  method: string,
  outcome: Outcome,
  state: RetryState,
  settings: RetrySettings,
  tokenRefreshable: boolean,
): { delayMs: number; refresh: boolean } | undefined {
  if (!isIdempotent(method)) return undefined;
  const response = "response" in outcome ? outcome.response : undefined;
  if (response?.status === 401 && tokenRefreshable && !state.refreshed) return { delayMs: 0, refresh: true };
  if (state.retries >= settings.retries) return undefined;
  if (response === undefined) {
    // A redirect, an oversized body, the caller's abort or a token function's own error: the same
    // attempt would meet the same end.
    const error = (outcome as { error: unknown }).error;
    return error instanceof ExportJobsNetworkError ? { delayMs: backoffDelay(state.retries, settings), refresh: false } : undefined;
  }
  if (!RETRYABLE_STATUSES.has(response.status)) return undefined;
  const asked = parseRetryAfter(response.headers.get("retry-after"));
  if (asked !== undefined && asked > settings.maxDelayMs) return undefined;
  return { delayMs: asked ?? backoffDelay(state.retries, settings), refresh: false };
}

/**
 * Sends an attempt and repeats it while `nextAttempt` says so: idempotent requests after 429, 5xx
 * gateway and availability errors and network errors (timeouts included), and once with a renewed
 * token after a 401 when the token function can renew it. A create is sent once, whatever happens.
 */
export function withRetries(send: Send, settings: RetrySettings, credentials: Credentials): Send {
  return async (outgoing: Outgoing) => {
    const state: RetryState = { retries: 0, refreshed: false };
    for (;;) {
      let outcome: Outcome;
      try {
        outcome = { response: await send(outgoing) };
      } catch (error) {
        outcome = { error };
      }
      const next = nextAttempt(outgoing.method, outcome, state, settings, credentials.refreshable);
      if (!next) {
        if ("error" in outcome) throw outcome.error;
        // Whatever happens to this request, the next one should not reuse a token the API refused.
        if (outcome.response.status === 401) credentials.invalidate();
        return outcome.response;
      }
      if (next.refresh) {
        credentials.invalidate();
        state.refreshed = true;
      } else {
        state.retries++;
      }
      await sleep(next.delayMs, outgoing.signal);
    }
  };
}
