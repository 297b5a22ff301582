// How check:page prints what it found: a short report per page for a person, or one JSON document.
import type { PageReport } from "./page-check.js";

/** `listExportJobs 1 response; createExportJob 1 request, 2 responses; not ours 3`. */
function payloadCounts(report: PageReport): string {
  const counts = new Map<string, { request: number; response: number }>();
  for (const block of report.blocks) {
    const key = block.operation ?? "not ours";
    const count = counts.get(key) ?? { request: 0, response: 0 };
    count[block.part]++;
    counts.set(key, count);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const each = [...counts].map(([key, c]) =>
    [key, [c.request && plural(c.request, "request"), c.response && plural(c.response, "response")].filter(Boolean).join(", ")].join(" "),
  );
  return each.length > 0 ? each.join("; ") : "none";
}

export function humanReport(report: PageReport): string {
  const lines = [`${report.file}`, `  read: language ${report.language ?? "not stated"}, revision ${report.revision ?? "not stated"}; payloads: ${payloadCounts(report)}`];
  for (const finding of report.findings) {
    const label = (finding.kind === "new" ? "NEW" : `known ${finding.decision}`).padEnd(9);
    lines.push(`  line ${String(finding.line).padEnd(4)} ${label} ${finding.message}`);
  }
  const checked = report.blocks.filter((b) => b.valid !== null);
  const invalid = checked.filter((b) => b.valid === false).length;
  const fresh = report.findings.filter((f) => f.kind === "new").length;
  lines.push(
    `  ${checked.length - invalid} of ${checked.length} payloads valid; ${fresh} new finding${fresh === 1 ? "" : "s"}, ${report.findings.length - fresh} known`,
  );
  return lines.join("\n");
}

export function humanSummary(reports: PageReport[]): string {
  const fresh = reports.flatMap((r) => r.findings).filter((f) => f.kind === "new").length;
  const known = reports.flatMap((r) => r.findings).length - fresh;
  const invalid = reports.flatMap((r) => r.blocks).filter((b) => b.valid === false).length;
  return `${reports.length} page${reports.length === 1 ? "" : "s"}: ${fresh} new finding${fresh === 1 ? "" : "s"}, ${known} known, ${invalid} invalid payload${invalid === 1 ? "" : "s"}`;
}

export function jsonReport(reports: PageReport[]): string {
  return `${JSON.stringify({ pages: reports }, null, 2)}\n`;
}
