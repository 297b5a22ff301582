// The mock's jobs, in memory. Jobs created through the API carry a plan and advance through their
// lifecycle as the clock moves; jobs added directly stay exactly as they were given.
import type { ExportJob } from "../types.js";
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
  #highestId = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  add(job: ExportJob): void {
    if (!Number.isSafeInteger(job?.id) || job.id < 1) {
      throw new TypeError(`A job needs a positive integer id; got ${JSON.stringify(job?.id)}`);
    }
    this.#jobs.set(job.id, structuredClone(job));
    this.#plans.delete(job.id);
    this.#highestId = Math.max(this.#highestId, job.id);
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
    this.#highestId += 1;
    return this.#highestId;
  }

  /** Marks the job cancelled; false when there is no such job. */
  cancel(id: number): boolean {
    const job = this.get(id);
    if (!job) return false;
    cancel(job, this.#now());
    this.#plans.delete(id);
    return true;
  }

  #settle(id: number): void {
    const plan = this.#plans.get(id);
    const job = this.#jobs.get(id);
    if (plan && job && advance(job, plan, this.#now())) this.#plans.delete(id);
  }
}
