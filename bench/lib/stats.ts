/** Order statistics and spread of a set of samples, all in the unit of the samples. */
export interface Summary {
  median: number;
  p75: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
  /** Relative margin of error of the mean at 95 % confidence, in percent. */
  rme: number;
  samples: number;
}

/** Linear interpolation between closest ranks, on an ascending array. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * fraction;
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

// Two-sided 95 % Student t critical values for small samples; 1.96 beyond.
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086];

function tCritical(degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) return Number.NaN;
  return T95[degreesOfFreedom - 1] ?? (degreesOfFreedom < 30 ? 2.06 : degreesOfFreedom < 120 ? 2.0 : 1.96);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / n;
  const variance = n > 1 ? sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1) : 0;
  const marginOfError = n > 1 ? (tCritical(n - 1) * Math.sqrt(variance)) / Math.sqrt(n) : Number.NaN;
  return {
    median: percentile(sorted, 0.5),
    p75: percentile(sorted, 0.75),
    p99: percentile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[n - 1] ?? Number.NaN,
    mean,
    rme: mean === 0 ? Number.NaN : (100 * marginOfError) / Math.abs(mean),
    samples: n,
  };
}
