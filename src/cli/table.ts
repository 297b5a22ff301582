export interface Column<Row> {
  header: string;
  value(row: Row): string;
  align?: "left" | "right";
  /** Colours a cell after it is padded, so that escape codes never upset the alignment. */
  paint?(padded: string, row: Row): string;
}

const GAP = "  ";

export function columnWidths<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): number[] {
  return columns.map((column) => Math.max(column.header.length, ...rows.map((row) => column.value(row).length)));
}

function pad(text: string, width: number, align: "left" | "right" = "left"): string {
  return align === "right" ? text.padStart(width) : text.padEnd(width);
}

export function headerLine<Row>(columns: readonly Column<Row>[], widths: readonly number[], paint: (text: string) => string = (t) => t): string {
  return paint(columns.map((c, i) => pad(c.header, widths[i]!, c.align)).join(GAP).trimEnd());
}

/** One row. A value wider than its column pushes the rest right rather than being cut. */
export function rowLine<Row>(columns: readonly Column<Row>[], widths: readonly number[], row: Row): string {
  const cells = columns.map((c, i) => {
    const last = i === columns.length - 1;
    const text = pad(c.value(row), last && c.align !== "right" ? 0 : widths[i]!, c.align);
    return c.paint ? c.paint(text, row) : text;
  });
  return cells.join(GAP);
}

export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], headerPaint?: (text: string) => string): string[] {
  const widths = columnWidths(columns, rows);
  return [headerLine(columns, widths, headerPaint), ...rows.map((row) => rowLine(columns, widths, row))];
}

/**
 * A table written as rows arrive. Column widths are taken from the first `sampleSize` rows (held
 * back until then), so that memory stays flat however many rows follow.
 */
export function streamingTable<Row>(
  columns: readonly Column<Row>[],
  writeLine: (line: string) => Promise<void>,
  options: { sampleSize: number; headerPaint?: (text: string) => string },
) {
  let sample: Row[] | undefined = [];
  let widths: number[] = [];
  let count = 0;
  async function flushSample() {
    if (!sample) return;
    const rows = sample;
    sample = undefined;
    if (rows.length === 0) return;
    widths = columnWidths(columns, rows);
    await writeLine(headerLine(columns, widths, options.headerPaint));
    for (const row of rows) await writeLine(rowLine(columns, widths, row));
  }
  return {
    async push(row: Row) {
      count++;
      if (sample) {
        sample.push(row);
        if (sample.length >= options.sampleSize) await flushSample();
      } else {
        await writeLine(rowLine(columns, widths, row));
      }
    },
    /** Writes whatever is held back; resolves with the number of rows. */
    async end(): Promise<number> {
      await flushSample();
      return count;
    },
  };
}
