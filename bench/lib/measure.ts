import { Bench } from "tinybench";
import { percentile, summarize, type Summary } from "./stats.js";

/** A task's figures over all rounds, and its median in each round (in the order the rounds ran). */
export interface Measured extends Summary {
  roundMedians: number[];
}

export interface BenchTask {
  name: string;
  fn: () => unknown;
}

export interface MeasureOptions {
  /** Each round runs every task once; the order rotates so that no task always goes first. */
  rounds?: number;
  /** Sampling budget per task and round. */
  timeMs?: number;
  warmupMs?: number;
  /**
   * Calls per sample. Sub-microsecond work is invisible to one timer read per call, and the
   * harness's own await would dilute the ratios between tasks; a batch per sample avoids both.
   */
  batch?: number;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

function batched(fn: () => unknown, batch: number, isAsync: boolean): () => unknown {
  if (batch === 1) return fn;
  if (isAsync) {
    return async () => {
      for (let call = 0; call < batch; call++) await fn();
    };
  }
  return () => {
    for (let call = 0; call < batch; call++) fn();
  };
}

/**
 * Times each task with tinybench (warm-up, then sampling for `timeMs`), over several rounds,
 * and summarizes the per-call latency in milliseconds from every retained sample.
 */
export async function measure(tasks: readonly BenchTask[], options: MeasureOptions = {}): Promise<Map<string, Measured>> {
  const { rounds = 3, timeMs = 600, warmupMs = 100, batch = 1 } = options;
  const prepared: BenchTask[] = [];
  for (const task of tasks) {
    // One call up front: it tells a promise-returning task apart, and fails fast on a broken task.
    const first = task.fn();
    const isAsync = isThenable(first);
    if (isAsync) await first;
    prepared.push({ name: task.name, fn: batched(task.fn, batch, isAsync) });
  }
  const samples = new Map<string, number[]>(prepared.map((task) => [task.name, []]));
  const roundMedians = new Map<string, number[]>(prepared.map((task) => [task.name, []]));
  // Round -1 is discarded: the first samples of each task are taken while V8 still optimizes it.
  for (let round = -1; round < rounds; round++) {
    const bench = new Bench({
      time: timeMs,
      warmupTime: warmupMs,
      retainSamples: true,
      throws: true,
      subtractTimerOverhead: true,
    });
    for (let index = 0; index < prepared.length; index++) {
      const task = prepared[(index + Math.max(round, 0)) % prepared.length]!;
      bench.add(task.name, task.fn);
    }
    await bench.run();
    if (round < 0) continue;
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== "completed") throw new Error(`bench task "${task.name}" ended ${result.state}`);
      const kept = samples.get(task.name)!;
      const perCall = (result.latency.samples ?? []).map((sample) => sample / batch);
      for (const sample of perCall) kept.push(sample);
      roundMedians.get(task.name)!.push(percentile(perCall.sort((a, b) => a - b), 0.5));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, { ...summarize(values), roundMedians: roundMedians.get(name)! }]));
}
