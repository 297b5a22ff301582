import { formatRatio, formatValue, renderTable, type Unit } from "./format.js";
import { percentile, type Summary } from "./stats.js";

/** One measured quantity; only `median` is required, for figures that come from one or two runs. */
export type Figures = Partial<Summary> & { median: number };

export interface Measurement {
  section: string;
  name: string;
  unit: Unit;
  figures: Figures;
  note?: string;
}

export interface Comparison {
  section: string;
  name: string;
  /** Ours divided by theirs: the median of the paired ratios when there are pairs, else of the medians. */
  ratio: number;
  lowerIsBetter: boolean;
  ahead: "ours" | "theirs" | "even";
  peer: string;
  /** The same ratio in each paired round or run, when there were several: how far to trust it. */
  pairedRatios?: number[];
}

export interface Target {
  section: string;
  name: string;
  value: number;
  limit: string;
  unit: Unit;
  met: boolean;
}

/** The middle half of many paired ratios; all of them when there are only a few. */
function spread(ratios: readonly number[]): string {
  const sorted = [...ratios].sort((a, b) => a - b);
  const [low, high, label] =
    sorted.length >= 8 ? [percentile(sorted, 0.25), percentile(sorted, 0.75), "IQR"] : [sorted[0]!, sorted[sorted.length - 1]!, "range"];
  return `${label} ${formatRatio(low)}–${formatRatio(high)} of ${sorted.length}`;
}

// Ratios this close to 1 are within the spread of the measurements on a shared machine.
const EVEN_WITHIN = 0.02;

export class Report {
  readonly measurements: Measurement[] = [];
  readonly comparisons: Comparison[] = [];
  readonly targets: Target[] = [];
  readonly details: Record<string, unknown> = {};

  record(section: string, name: string, unit: Unit, figures: Figures, note?: string): Figures {
    this.measurements.push({ section, name, unit, figures, ...(note ? { note } : {}) });
    return figures;
  }

  /**
   * Ours divided by theirs. With `paired` (the figures of each round or run in which both were
   * measured, side by side) the ratio is the median of the per-round ratios: on a busy machine
   * whole rounds run faster or slower, and a ratio taken within a round cancels that out.
   */
  compare(
    section: string,
    name: string,
    ours: number,
    theirs: number,
    peer: string,
    options: { lowerIsBetter?: boolean; paired?: { ours: readonly number[]; theirs: readonly number[] } } = {},
  ): Comparison {
    const { lowerIsBetter = true, paired } = options;
    const pairedRatios =
      paired && paired.ours.length > 1 && paired.ours.length === paired.theirs.length
        ? paired.ours.map((value, index) => value / paired.theirs[index]!)
        : undefined;
    const ratio = pairedRatios ? percentile([...pairedRatios].sort((a, b) => a - b), 0.5) : ours / theirs;
    const oursBetter = lowerIsBetter ? ratio < 1 : ratio > 1;
    const ahead = Math.abs(ratio - 1) <= EVEN_WITHIN ? "even" : oursBetter ? "ours" : "theirs";
    const comparison: Comparison = { section, name, ratio, lowerIsBetter, ahead, peer, ...(pairedRatios ? { pairedRatios } : {}) };
    this.comparisons.push(comparison);
    return comparison;
  }

  target(section: string, name: string, value: number, unit: Unit, limit: string, met: boolean): void {
    this.targets.push({ section, name, value, unit, limit, met });
  }

  detail(key: string, value: unknown): void {
    this.details[key] = value;
  }

  render(): string {
    const measured = renderTable(
      ["Section", "Measurement", "Median", "p75", "p99", "Min", "Max", "±RME", "n"],
      this.measurements.map(({ section, name, unit, figures, note }) => [
        section,
        note ? `${name} (${note})` : name,
        formatValue(figures.median, unit),
        formatValue(figures.p75, unit),
        formatValue(figures.p99, unit),
        formatValue(figures.min, unit),
        formatValue(figures.max, unit),
        figures.rme === undefined || Number.isNaN(figures.rme) ? "" : `${figures.rme.toFixed(2)} %`,
        figures.samples === undefined ? "" : String(figures.samples),
      ]),
    );
    const compared = renderTable(
      ["Section", "Comparison (ours / theirs)", "Ratio", "Spread of paired ratios", "Ahead"],
      this.comparisons.map(({ section, name, ratio, ahead, peer, lowerIsBetter, pairedRatios }) => [
        section,
        `${name}${lowerIsBetter ? "" : " (higher is better)"}`,
        formatRatio(ratio),
        pairedRatios ? spread(pairedRatios) : "",
        ahead === "even" ? `even (within ${EVEN_WITHIN * 100} %)` : ahead === "ours" ? "ours" : peer,
      ]),
      [0, 1, 4],
    );
    const targeted = renderTable(
      ["Section", "Target", "Measured", "Limit", "Result"],
      this.targets.map(({ section, name, value, unit, limit, met }) => [
        section,
        name,
        formatValue(value, unit),
        limit,
        met ? "met" : "MISSED",
      ]),
      [0, 1, 4],
    );
    return [
      measured,
      "",
      this.comparisons.length > 0 ? compared : "(no comparisons in these sections)",
      "",
      this.targets.length > 0 ? targeted : "(no targets in these sections)",
    ].join("\n");
  }
}
