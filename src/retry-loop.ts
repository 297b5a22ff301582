// The mechanism that sends an attempt again; the decision is retry.ts's. Most attempts succeed, so
// the decision (and what it needs: backoff, `Retry-After`, the policy) is loaded only once one
// does not.
import type { Credentials } from "./auth.js";
import type { Outcome } from "./retry.js";
import { lazy } from "./lazy.js";
import { sleep } from "./timers.js";
import type { Outgoing, Send } from "./transport.js";

const decision = lazy(() => import("./retry.js"));

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

/**
 * Sends an attempt and repeats it while `nextAttempt` says so: idempotent requests after 429, 5xx
 * gateway and availability errors and network errors (timeouts included), and once with a renewed
 * token after a 401 when the token function can renew it. A create is sent once, whatever happens.
 */
export function withRetries(send: Send, settings: RetrySettings, credentials: Credentials): Send {
  return async (outgoing: Outgoing) => {
    const state = { retries: 0, refreshed: false };
    for (;;) {
      let outcome: Outcome;
      try {
        const response = await send(outgoing);
        // Stryker disable next-line ConditionalExpression: a shortcut; the decision returns a success too, but would be loaded for it.
        if (response.ok) return response;
        outcome = { response };
      } catch (error) {
        outcome = { error };
      }
      const { nextAttempt } = await decision();
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
