// On the platform an export job belongs to one organization (x-gw-ims-org-id) and one sandbox
// (x-sandbox-name): another organization's or sandbox's jobs are never listed, and their ids are
// unknown (404). The stand-in keeps one store per pair, made when the pair is first seen.
import type { ExportJob } from "../types.js";
import type { IdSequence } from "./id-sequence.js";
import { isFinal, planFor, type LifecycleTiming } from "./lifecycle.js";
import { JobStore } from "./store.js";

export interface TenantStart {
  /** The documented jobs, copied into each new pair with its own org id. */
  seeds: ExportJob[];
  /** Jobs each new pair starts with, exactly as given. */
  jobs: ExportJob[];
  now: () => number;
  timing: LifecycleTiming;
  ids: IdSequence;
}

export class Tenants {
  readonly #stores = new Map<string, JobStore>();
  readonly #start: TenantStart;

  constructor(start: TenantStart) {
    this.#start = start;
    // Before any pair exists, so that no created job can take an id a later pair starts with.
    for (const job of [...start.seeds, ...start.jobs]) start.ids.saw(job.id);
  }

  storeOf(orgId: string, sandboxName: string): JobStore {
    // JSON keeps the two values apart whatever characters they hold.
    const key = JSON.stringify([orgId, sandboxName]);
    let store = this.#stores.get(key);
    if (!store) {
      store = this.#open(orgId);
      this.#stores.set(key, store);
    }
    return store;
  }

  #open(orgId: string): JobStore {
    const { seeds, jobs, now, timing, ids } = this.#start;
    const store = new JobStore(now, ids);
    const openedAt = now();
    for (const seed of seeds) {
      const job = { ...structuredClone(seed), imsOrgId: orgId };
      // A documented job that has not ended moves on from the moment it is first seen, as a
      // created one does; otherwise `wait 11038` would wait until it timed out.
      if (isFinal(job.status)) store.add(job);
      else store.track(job, planFor(job, openedAt, timing));
    }
    for (const job of jobs) store.add(job);
    return store;
  }
}
