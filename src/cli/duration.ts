import { UsageError } from "./args.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds from a duration such as `500ms`, `90s`, `5m`, `1h` or `1h30m`. A bare number is
 * seconds. Undefined when the text is not a duration, or one too long to count in milliseconds.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  let total = 0;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    total = Number(trimmed) * 1000;
  } else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) {
    for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * UNITS[unit!]!;
  } else {
    return undefined;
  }
  const ms = Math.round(total);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The milliseconds of a duration option or variable; a usage error, naming it, otherwise. */
export function durationOption(text: string, option: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UsageError(`${option} must be a duration such as 500ms, 90s, 5m or 1h, got "${text}"`);
  return ms;
}

/** A short human duration: `850ms`, `12s`, `8m 25s`, `2h 05m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}
