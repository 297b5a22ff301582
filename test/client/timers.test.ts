// Delays past Node's 2^31 - 1 ms timer limit (about 24.8 days) fire after 1 ms unless kept in steps:
// a week-long wait must still be a week.
import { spawnSync } from "node:child_process";
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { after, deadline, sleep, untilAborted } from "../../src/timers.js";

const HOUR = 3_600_000;
const TIMER_LIMIT = 2 ** 31 - 1;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("long delays", () => {
  it.each([700 * HOUR, 1194 * HOUR, TIMER_LIMIT + 1])("after(%i ms) fires then, not before", (ms) => {
    const fired = vi.fn();
    after(ms, fired);
    vi.advanceTimersByTime(TIMER_LIMIT);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(ms - TIMER_LIMIT - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
  });

  it("a cancelled long delay never fires, whichever step it is in", () => {
    const fired = vi.fn();
    const cancel = after(700 * HOUR, fired);
    vi.advanceTimersByTime(TIMER_LIMIT + 10);
    cancel();
    vi.advanceTimersByTime(700 * HOUR);
    expect(fired).not.toHaveBeenCalled();
  });

  it("sleep(700h) resolves after 700 hours", async () => {
    let done = false;
    void sleep(700 * HOUR).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(699 * HOUR);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(done).toBe(true);
  });

  it("deadline(700h) aborts with a TimeoutError after 700 hours", () => {
    const limit = deadline(700 * HOUR);
    vi.advanceTimersByTime(699 * HOUR);
    expect(limit.signal.aborted).toBe(false);
    vi.advanceTimersByTime(HOUR);
    expect(limit.signal.aborted).toBe(true);
    expect((limit.signal.reason as Error).name).toBe("TimeoutError");
  });
});

describe("sleep", () => {
  it("rejects with the signal's reason as soon as it aborts, not when the delay ends", async () => {
    const caller = new AbortController();
    const outcome = sleep(60_000, caller.signal).then(
      () => "slept",
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    caller.abort(new Error("stop"));
    await vi.advanceTimersByTimeAsync(0);
    expect(await Promise.race([outcome, "still sleeping"])).toEqual(new Error("stop"));
  });
});

describe("untilAborted", () => {
  const never = new Promise<never>(() => undefined);

  it("rejects at once when the signal has aborted already, whatever the promise does", async () => {
    await expect(untilAborted(never, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });

  it("rejects with the reason when the signal aborts first", async () => {
    const caller = new AbortController();
    const waiting = untilAborted(never, caller.signal);
    caller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });

  it("settles like the promise otherwise, a value or a failure", async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(untilAborted(Promise.reject(new Error("failed")), signal)).rejects.toThrow("failed");
  });
});

// One signal serves a whole wait or pagination, so every sleep, attempt and step that listens to
// it must stop listening once it is over: listeners left behind pile up for as long as it lives.
describe("what stays attached to the caller's signal", () => {
  const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

  it("nothing, once a sleep has ended", async () => {
    const caller = new AbortController();
    const slept = sleep(1_000, caller.signal);
    expect(listeners(caller.signal)).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await slept;
    expect(listeners(caller.signal)).toBe(0);
  });

  it("nothing, once a sleep was aborted", async () => {
    const caller = new AbortController();
    const slept = sleep(1_000, caller.signal).catch(() => undefined);
    caller.abort();
    await slept;
    expect(listeners(caller.signal)).toBe(0);
  });

  it("nothing, once a deadline is cleared", () => {
    const caller = new AbortController();
    const limit = deadline(1_000, caller.signal);
    expect(listeners(caller.signal)).toBe(1);
    limit.clear();
    expect(listeners(caller.signal)).toBe(0);
  });

  it.each([
    ["resolved", () => Promise.resolve(1)],
    ["rejected", () => Promise.reject(new Error("failed"))],
  ])("nothing, once the promise untilAborted follows has %s", async (_, settle) => {
    const caller = new AbortController();
    await untilAborted(settle(), caller.signal).catch(() => undefined);
    expect(listeners(caller.signal)).toBe(0);
  });

  it("nothing, once untilAborted was aborted", async () => {
    const caller = new AbortController();
    const waiting = untilAborted(new Promise<never>(() => undefined), caller.signal).catch(() => undefined);
    caller.abort();
    await waiting;
    expect(listeners(caller.signal)).toBe(0);
  });
});

describe("deadline", () => {
  it("aborts with a TimeoutError that says how long it waited", () => {
    const limit = deadline(1_500);
    vi.advanceTimersByTime(1_500);
    expect(limit.signal.reason).toMatchObject({ name: "TimeoutError", message: "timed out after 1500 ms" });
  });

  it("aborts with the caller's reason when the caller aborts first", () => {
    const caller = new AbortController();
    const limit = deadline(1_000, caller.signal);
    caller.abort(new Error("stop"));
    expect((limit.signal.reason as Error).message).toBe("stop");
  });

  it("clear() withdraws the deadline: it never aborts", () => {
    const limit = deadline(1_000);
    limit.clear();
    vi.advanceTimersByTime(2_000);
    expect(limit.signal.aborted).toBe(false);
  });

  it("each of several deadlines fires at its own time", () => {
    const late = deadline(3_000);
    const early = deadline(1_000);
    vi.advanceTimersByTime(1_000);
    expect([early.signal.aborted, late.signal.aborted]).toEqual([true, false]);
    vi.advanceTimersByTime(2_000);
    expect(late.signal.aborted).toBe(true);
  });
});

describe("what a deadline keeps alive", () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  // Run in a process of its own: how long the process lives is the behaviour under test.
  const lifetimeMs = (body: string) => {
    const script = `const started = Date.now();\nprocess.on("exit", () => console.log(Date.now() - started));\nconst { deadline } = await import(${JSON.stringify(new URL("../../src/timers.ts", import.meta.url).href)});\n${body}`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    // Killed at the time limit, the process prints nothing: it did not end by itself.
    return run.status === 0 && run.stdout.trim() !== "" ? Number(run.stdout.trim()) : undefined;
  };

  it("a cleared deadline does not hold the process open", () => {
    expect(lifetimeMs("deadline(600_000).clear();")).toBeLessThan(30_000);
  });

  it("a pending deadline does, so that work waiting on it is not cut short", () => {
    expect(lifetimeMs("deadline(1_500);")).toBeGreaterThanOrEqual(1_500);
  });
});
