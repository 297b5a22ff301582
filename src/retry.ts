// Whether and when to send an attempt again: the decision. The loop that acts on it is
// retry-loop.ts; what is safe to repeat is settled in policy.ts.
import { ExportJobsNetworkError } from "./errors.js";
import { isIdempotent, RETRYABLE_STATUSES } from "./policy.js";
import type { RetrySettings } from "./retry-loop.js";
import { parseRetryAfter } from "./wire.js";

export function backoffDelay(attempt: number, settings: RetrySettings, random = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** attempt);
  // "Equal jitter": never less than half the step, so retries do not bunch up at zero.
  return ceiling / 2 + random() * (ceiling / 2);
}

/** What one attempt came to: an answer, or what was thrown. */
export type Outcome = { response: Response } | { error: unknown };

export interface RetryState {
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
