import { normalizeExportJob, type ExportJob, type ExportJobStatus } from "../index.js";
import { formatDuration } from "./duration.js";
import type { Painter } from "./output.js";
import { printable, printableJson } from "./printable.js";
import type { Column } from "./table.js";

/** `2018-10-04T01:19:33Z`: ISO 8601 in UTC, to the second. */
export function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return "-";
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? "-" : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// The functions below turn a job into text for people. Each takes the job's values through
// `printable` (see there why) itself, so that no caller can print a server value raw by mistake.

// A Record, so that a status added to the description cannot compile until it has a colour.
const STATUS_COLOURS: Record<ExportJobStatus, keyof Painter> = { NEW: "cyan", PROCESSING: "yellow", SUCCEEDED: "green", FAILED: "red" };

/** `status` may be any text: a value the server made up, or a word such as "waiting", shows in cyan. */
export function paintStatus(status: string, paint: Painter, text = status): string {
  // Made printable before it is coloured, so that our own colour codes stay intact.
  const shown = printable(text);
  const colour = Object.hasOwn(STATUS_COLOURS, status) ? STATUS_COLOURS[status as ExportJobStatus] : "cyan";
  return paint[colour](shown);
}

export function datasetOf(job: ExportJob): string | undefined {
  return job.destination?.datasetId ?? job.destination?.dataSetId;
}

/** `all` without an audience filter, the id of a single audience, else how many. */
export function segmentsSummary(job: ExportJob): string {
  const segments = job.filter?.segments ?? [];
  if (segments.length === 0) return "all";
  if (segments.length === 1) return segments[0]!.segmentId;
  return `${segments.length} segments`;
}

export function totalTimeOf(job: ExportJob): string {
  const total = job.metrics?.totalTime?.totalTimeInMs;
  return total === undefined ? "-" : formatDuration(total);
}

export function listColumns(paint: Painter): Column<ExportJob>[] {
  const columns: Column<ExportJob>[] = [
    { header: "ID", value: (j) => String(j.id), align: "right" },
    { header: "STATUS", value: (j) => j.status, paint: (text, j) => paintStatus(j.status, paint, text) },
    { header: "CREATED (UTC)", value: (j) => formatTime(j.creationTime) },
    { header: "DATASET", value: (j) => datasetOf(j) ?? "-" },
    { header: "SEGMENTS", value: segmentsSummary },
    { header: "DURATION", value: totalTimeOf },
  ];
  // Cells are made printable before the table measures them, so that the columns stay aligned.
  return columns.map((column) => ({ ...column, value: (job) => printable(column.value(job)) }));
}

/** Every detail of a job worth reading, including every batch id, from its normalized form. */
export function jobDetails(job: ExportJob, paint: Painter): string[] {
  const n = normalizeExportJob(printableJson(job));
  const lines: string[] = [`Export job ${n.id}  ${paintStatus(n.status, paint)}`];
  const field = (label: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") lines.push(`  ${label.padEnd(18)}${value}`);
  };
  field("Created", n.creationTime === undefined ? undefined : formatTime(n.creationTime));
  field("Updated", n.updateTime === undefined ? undefined : formatTime(n.updateTime));
  field("Job type", n.jobType);
  field("Schema", n.schema?.name);
  field("Dataset", n.destination?.datasetId);
  field("Fields", n.fields ?? "all");
  if (n.mergePolicy) field("Merge policy", `${n.mergePolicy.id ?? "?"}${n.mergePolicy.version === undefined ? "" : ` (version ${n.mergePolicy.version})`}`);
  field("Profile instance", n.profileInstanceId);
  const segments = n.filter?.segments ?? [];
  if (segments.length === 0) field("Segments", "all profiles (no audience filter)");
  segments.forEach((s, i) => field(i === 0 ? "Segments" : "", `${s.segmentId} (${s.segmentNs ?? "ups"})${s.status ? ` ${s.status.join(",")}` : ""}`));
  const window = n.filter?.segmentQualificationTime;
  if (window) field("Qualified", `${window.startTime ?? "…"} to ${window.endTime ?? "…"}`);
  field("From ingestion", n.filter?.fromIngestTimestamp);
  if (n.filter?.emptyProfiles !== undefined) field("Empty profiles", n.filter.emptyProfiles ? "included" : "excluded");
  if (n.destination?.segmentPerBatch !== undefined) field("Segment per batch", n.destination.segmentPerBatch ? "yes" : "no");
  // The normalized batches include the one `batchId` names, so it is listed once, with the others.
  (n.destination?.batches ?? []).forEach((b, i) =>
    field(i === 0 ? "Batches" : "", [b.batchId ?? "(no batch id)", b.segmentId ? `segment ${b.segmentId}${b.segmentNs ? ` (${b.segmentNs})` : ""}` : "", b.status?.join(",") ?? ""].filter(Boolean).join("  ")),
  );
  lines.push(...metricLines(job).map((l) => `  ${l}`));
  (n.errors ?? []).forEach((e, i) => field(i === 0 ? "Errors" : "", describeJobError(e)));
  field("Request id", n.requestId);
  field("Compute job", n.computeGatewayJobId?.exportJob);
  return lines;
}

export function describeJobError(error: { code?: string; msg?: string }): string {
  return printable(`${error.code ?? "-"} ${error.msg ?? "(no message)"}`);
}

export function metricLines(job: ExportJob): string[] {
  const m = printableJson(job.metrics);
  if (!m) return [];
  const lines: string[] = [];
  const time = (label: string, metric: { totalTimeInMs?: number } | undefined) => {
    if (metric?.totalTimeInMs !== undefined) lines.push(`${label.padEnd(18)}${formatDuration(metric.totalTimeInMs)}`);
  };
  time("Duration", m.totalTime);
  time("Profile export", m.profileExportTime);
  time("Dataset write", m.aCPDatasetWriteTime);
  if (m.totalExportedProfileCounter !== undefined) {
    const byNamespace = Object.entries(m.exportedProfileByNamespaceCounter ?? {}).map(([ns, count]) => `${ns} ${count}`);
    lines.push(`${"Profiles exported".padEnd(18)}${m.totalExportedProfileCounter}${byNamespace.length ? ` (${byNamespace.join(", ")})` : ""}`);
  }
  return lines;
}

/** One line for the end of a wait: the outcome and, when reported, the metrics. */
export function outcomeLine(job: ExportJob, paint: Painter): string {
  const { id, status, metrics } = printableJson(job);
  const parts = [`Export job ${id} ${paintStatus(status, paint)}`];
  const total = metrics?.totalTime?.totalTimeInMs;
  if (total !== undefined) parts.push(`in ${formatDuration(total)}`);
  const profiles = metrics?.totalExportedProfileCounter;
  if (profiles !== undefined) parts.push(`· ${profiles} profiles exported`);
  return parts.join(" ");
}
