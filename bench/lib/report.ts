import { formatRatio, formatValue, renderTable, type Unit } from "./format.js";
import type { Summary } from "./stats.js";

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
  /** Ours divided by theirs. */
  ratio: number;
  lowerIsBetter: boolean;
  ahead: "ours" | "theirs" | "even";
  peer: string;
}

export interface Target {
  section: string;
  name: string;
  value: number;
  limit: string;
  unit: Unit;
  met: boolean;
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

  compare(section: string, name: string, ours: number, theirs: number, peer: string, lowerIsBetter = true): Comparison {
    const ratio = ours / theirs;
    const oursBetter = lowerIsBetter ? ratio < 1 : ratio > 1;
    const ahead = Math.abs(ratio - 1) <= EVEN_WITHIN ? "even" : oursBetter ? "ours" : "theirs";
    const comparison: Comparison = { section, name, ratio, lowerIsBetter, ahead, peer };
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
      ["Section", "Comparison (ours / theirs, medians)", "Ratio", "Ahead"],
      this.comparisons.map(({ section, name, ratio, ahead, peer, lowerIsBetter }) => [
        section,
        `${name}${lowerIsBetter ? "" : " (higher is better)"}`,
        formatRatio(ratio),
        ahead === "even" ? `even (within ${EVEN_WITHIN * 100} %)` : ahead === "ours" ? "ours" : peer,
      ]),
      [0, 1, 3],
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
