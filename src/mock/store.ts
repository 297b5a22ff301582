// The jobs of one organization and sandbox, in memory. Jobs created through the API, and seeded
// jobs that have not ended, carry a plan and advance through their lifecycle as the clock moves;
// jobs added directly stay exactly as they were given.
import type { ExportJob } from "../types.js";
import type { IdSequence } from "./id-sequence.js";
import { advance, cancel, type JobPlan } from "./lifecycle.js";
import type { MockJobStore } from "./types.js";

/** Newest first: creationTime descending, then id descending. The order the list answers in. */
export function newestFirst(a: ExportJob, b: ExportJob): number {
  return (b.creationTime ?? 0) - (a.creationTime ?? 0) || b.id - a.id;
}

export class JobStore implements MockJobStore {
  readonly #jobs = new Map<number, ExportJob>();
  readonly #plans = new Map<number, JobPlan>();
  readonly #now: () => number;
  readonly #ids: IdSequence;

  constructor(now: () => number, ids: IdSequence) {
    this.#now = now;
    this.#ids = ids;
  }

  add(job: ExportJob): void {
    if (!Number.isSafeInteger(job?.id) || job.id < 1) {
      throw new TypeError(`A job needs a positive integer id; got ${JSON.stringify(job?.id)}`);
    }
    this.#jobs.set(job.id, structuredClone(job));
    this.#plans.delete(job.id);
    this.#ids.saw(job.id);
  }

  /** Adds a job that moves through its lifecycle on the given plan. */
  track(job: ExportJob, plan: JobPlan): void {
    this.add(job);
    this.#plans.set(job.id, plan);
  }

  get(id: number): ExportJob | undefined {
    this.#settle(id);
    return this.#jobs.get(id);
  }

  all(): ExportJob[] {
    for (const id of [...this.#plans.keys()]) this.#settle(id);
    return [...this.#jobs.values()].sort(newestFirst);
  }

  get size(): number {
    return this.#jobs.size;
  }

  nextId(): number {
    return this.#ids.next();
  }

  /** Ends an unfinished job as cancelled; says what became of it, or undefined when there is no such job. */
  cancel(id: number): { job: ExportJob; cancelled: boolean } | undefined {
    const job = this.get(id);
    if (!job) return undefined;
    const cancelled = cancel(job, this.#now());
    if (cancelled) this.#plans.delete(id);
    return { job, cancelled };
  }

  #settle(id: number): void {
    const plan = this.#plans.get(id);
    const job = this.#jobs.get(id);
    if (plan && job && advance(job, plan, this.#now())) this.#plans.delete(id);
  }
}
