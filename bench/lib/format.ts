export type Unit = "ms" | "bytes" | "per-second" | "count" | "ratio";

function fixed(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function threeFigures(value: number): string {
  const magnitude = Math.abs(value);
  return fixed(value, magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}

export function formatDuration(ms: number): string {
  const magnitude = Math.abs(ms);
  // 999.7 ns would print as "1,000 ns": such values move up a unit.
  if (magnitude < 0.0009995) return `${threeFigures(ms * 1e6)} ns`;
  if (magnitude < 0.9995) return `${threeFigures(ms * 1e3)} µs`;
  if (magnitude < 999.5) return `${threeFigures(ms)} ms`;
  return `${threeFigures(ms / 1000)} s`;
}

export function formatBytes(bytes: number): string {
  const magnitude = Math.abs(bytes);
  if (magnitude < 1024) return `${fixed(bytes, 0)} B`;
  if (magnitude < 1024 ** 2) return `${threeFigures(bytes / 1024)} KiB`;
  return `${threeFigures(bytes / 1024 ** 2)} MiB`;
}

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return "";
  switch (unit) {
    case "ms":
      return formatDuration(value);
    case "bytes":
      return formatBytes(value);
    case "per-second":
      return `${fixed(value, 0)}/s`;
    case "count":
      return fixed(value, 0);
    case "ratio":
      return formatRatio(value);
  }
}

export function formatRatio(ratio: number): string {
  return `${fixed(ratio, ratio >= 10 ? 1 : 2)}x`;
}

/** Columns listed in `leftAligned` (by index) hold text; the others hold figures, right-aligned. */
export function renderTable(header: string[], rows: string[][], leftAligned: readonly number[] = [0, 1]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (leftAligned.includes(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
