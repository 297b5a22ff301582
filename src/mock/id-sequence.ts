// Job ids are one sequence for the whole stand-in, not one per organization and sandbox: a created
// job's id then names no job in any other tenant, so a 404 across tenants is a real test of their
// separation rather than a lucky miss. Seeded ids (100, 722, 11037, 11038) repeat in every tenant,
// since each one starts with its own copy of the documented examples.
export class IdSequence {
  #highest = 0;

  /** Takes note of an id in use, so that no created job gets it. */
  saw(id: number): void {
    this.#highest = Math.max(this.#highest, id);
  }

  /** An id that no job has had yet. */
  next(): number {
    this.#highest += 1;
    return this.#highest;
  }
}
