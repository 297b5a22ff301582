// Node's timers overflow past 2^31 - 1 ms (about 24.8 days): a longer delay fires after 1 ms. Long
// waits are real here (a week-long `wait --timeout`), so they are kept in steps that fit.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Calls `done` after `ms`, however long that is; returns a function that cancels it. */
export function after(ms: number, done: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const step = (remaining: number) => {
    // Stryker disable next-line EqualityOperator: at exactly the limit, `>=` adds a step of 0 ms, which fires at the same moment.
    timer = setTimeout(remaining > LONGEST_TIMER_MS ? () => step(remaining - LONGEST_TIMER_MS) : done, Math.min(remaining, LONGEST_TIMER_MS));
  };
  step(Math.max(0, ms));
  return () => clearTimeout(timer);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const cancel = after(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    function onAbort() {
      cancel();
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A signal that aborts with a `TimeoutError` after `ms`, or with the reason of `signal` when that
 * aborts first. `clear()` withdraws the deadline once the work is done, so that it keeps nothing
 * alive; until then it holds the process open, so that work waiting on it is not cut short.
 */
export function deadline(ms: number, signal?: AbortSignal | null): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const cancel = after(ms, () => controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError")));
  const onAbort = () => controller.abort(signal!.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort);
  return {
    signal: controller.signal,
    clear() {
      cancel();
      signal?.removeEventListener("abort", onAbort);
    },
  };
}

/** Settles like `promise`, or rejects with the signal's reason when it aborts first. */
export function untilAborted<T>(promise: T | Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
