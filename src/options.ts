import { ExportJobsConfigError } from "./errors.js";

/** A positive, finite number of the caller's, or the default when none was given. */
export function positiveOption(value: unknown, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ExportJobsConfigError(`${option} must be a positive number, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}
