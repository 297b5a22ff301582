import { ExportJobsConfigError } from "./errors.js";

/** A positive, finite number of the caller's, or the default when none was given. */
export function positiveOption(value: unknown, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  // Number.isFinite is false for anything that is not a number.
  if (!Number.isFinite(value) || (value as number) <= 0) {
    // JSON would show NaN and Infinity as null; text is quoted, so that "5" is not taken for 5.
    const shown = typeof value === "number" ? String(value) : (JSON.stringify(value) ?? String(value));
    throw new ExportJobsConfigError(`${option} must be a positive number, got ${shown}`);
  }
  return value as number;
}
