// The breaking-change report in its three forms (terminal text, Markdown for a job summary,
// GitHub annotation lines), and the rule for shipping a breaking change on purpose.
import type { Change, Classification } from "./breaking-rules.js";
import type { Base, SourceLocation } from "./breaking-sources.js";

export type LocatedChange = Change & Partial<SourceLocation>;

export interface Gate {
  /** True when there is nothing to ship on purpose, or when it is shipped as the rule asks. */
  satisfied: boolean;
  baseVersion?: string;
  headVersion?: string;
  majorRaised: boolean;
  /** The new CHANGELOG.md line that contains "Breaking", when there is one. */
  changelogLine?: string;
  /** What is missing, one sentence each. */
  missing: string[];
}

export interface Report {
  base: Base;
  counts: Record<Classification, number>;
  changes: LocatedChange[];
  /** Present with --require-major-bump. */
  gate?: Gate;
}

export const LABEL: Record<Classification, string> = { breaking: "breaking", "non-breaking": "non-breaking", documentation: "documentation-only" };
const HEADING: Record<Classification, string> = { breaking: "Breaking", "non-breaking": "Non-breaking", documentation: "Documentation only" };
const CLASSES: Classification[] = ["breaking", "non-breaking", "documentation"];
/**
 * The first line of each entry under a `### Breaking` heading in the newest section of a
 * changelog (`## [Unreleased]`, or the release being made): what a release says it breaks.
 */
export function breakingEntries(changelog: string): string[] {
  const entries: string[] = [];
  let sections = 0;
  let inBreaking = false;
  for (const line of changelog.split(/\r?\n/)) {
    if (/^## /.test(line)) {
      if (++sections > 1) break;
      inBreaking = false;
    } else if (/^### /.test(line)) {
      inBreaking = /^### Breaking\b/.test(line);
    } else if (inBreaking && sections === 1 && /^[-*] \S/.test(line)) {
      entries.push(line.trim());
    }
  }
  return entries;
}

/**
 * A breaking change ships on purpose when the pull request raises the major version in
 * package.json above the base's, and adds to CHANGELOG.md an entry under a `### Breaking` heading
 * of its newest section (an entry the base did not have).
 */
export function evaluateGate(input: {
  breaking: number;
  basePackageJson?: string;
  headPackageJson?: string;
  baseChangelog?: string;
  headChangelog?: string;
}): Gate {
  const baseVersion = versionOf(input.basePackageJson);
  const headVersion = versionOf(input.headPackageJson);
  const baseMajor = majorOf(baseVersion);
  const headMajor = majorOf(headVersion);
  const majorRaised = baseMajor !== undefined && headMajor !== undefined && headMajor > baseMajor;
  const baseLines = new Set((input.baseChangelog ?? "").split(/\r?\n/).map((line) => line.trim()));
  const changelogLine = breakingEntries(input.headChangelog ?? "").find((entry) => !baseLines.has(entry));
  const missing: string[] = [];
  if (input.breaking > 0) {
    if (!majorRaised) {
      missing.push(
        headVersion === undefined || baseVersion === undefined
          ? `package.json must raise the major version, but its version could not be read (base: ${baseVersion ?? "none"}, this branch: ${headVersion ?? "none"}).`
          : `package.json must raise the major version above the base's ${baseVersion} (it is ${headVersion}).`,
      );
    }
    if (!changelogLine) missing.push("CHANGELOG.md must gain an entry under a `### Breaking` heading of its newest section, naming each change and its impact in the words of this report.");
  }
  return {
    satisfied: missing.length === 0,
    ...(baseVersion ? { baseVersion } : {}),
    ...(headVersion ? { headVersion } : {}),
    majorRaised,
    ...(changelogLine ? { changelogLine } : {}),
    missing,
  };
}

function versionOf(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const version = (JSON.parse(packageJson) as { version?: unknown }).version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

function majorOf(version: string | undefined): number | undefined {
  const match = version?.match(/^v?(\d+)\./);
  return match ? Number(match[1]) : undefined;
}

/** 1 when a breaking change is not shipped as the gate asks (or, without the gate, at all). */
export function exitCode(report: Report): 0 | 1 {
  if (report.counts.breaking === 0) return 0;
  return report.gate?.satisfied ? 0 : 1;
}

function baseName(base: Base): string {
  return base.ref.startsWith("merge base") ? `the ${base.ref} (${base.commit.slice(0, 12)})` : `${base.ref} (${base.commit.slice(0, 12)})`;
}

function countLine(report: Report): string {
  return CLASSES.map((c) => `${report.counts[c]} ${LABEL[c]}`).join(", ");
}

function usedBy(change: Change): string {
  return change.sites.map((s) => (s.operation ? `${s.operation} ${s.part}` : s.part)).join("; ");
}

function where(change: LocatedChange): string {
  return change.file ? `${change.file}${change.line ? `:${change.line}` : ""}` : "";
}

export function formatText(report: Report): string {
  const lines = [`Breaking-change check of openapi/: ${baseName(report.base)} -> working tree`, countLine(report), ""];
  for (const change of report.changes) {
    lines.push(`${LABEL[change.classification].toUpperCase()}  ${change.title}: ${change.subject}`);
    lines.push(`  where  ${[where(change), change.pointer].filter(Boolean).join("  ")}`);
    if (change.sites.some((s) => s.operation)) lines.push(`  used   ${usedBy(change)}`);
    lines.push(`  why    ${change.why}`);
    lines.push("");
  }
  const { headline, details } = verdict(report);
  lines.push(headline, ...details.map((d) => `  - ${d}`));
  return `${lines.join("\n")}\n`;
}

function verdict(report: Report): { headline: string; details: string[] } {
  const n = report.counts.breaking;
  if (n === 0) return { headline: "No breaking change.", details: [] };
  if (!report.gate) {
    return {
      headline: `${n} breaking change${n === 1 ? "" : "s"}.`,
      details: ["To ship on purpose: raise the major version in package.json and add an entry under `### Breaking` in CHANGELOG.md."],
    };
  }
  if (report.gate.satisfied) {
    return {
      headline: "Breaking changes shipped on purpose.",
      details: [`package.json: ${report.gate.baseVersion} -> ${report.gate.headVersion}.`, `CHANGELOG.md: "${report.gate.changelogLine}".`],
    };
  }
  return { headline: "Breaking changes not shipped as a major release:", details: report.gate.missing };
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function formatMarkdown(report: Report): string {
  const out = ["## OpenAPI breaking-change check", "", `Compared \`openapi/\` at ${baseName(report.base)} with this branch: ${countLine(report)}.`, ""];
  for (const classification of CLASSES) {
    const changes = report.changes.filter((c) => c.classification === classification);
    if (changes.length === 0) continue;
    const table = [
      "| Change | Where | Used by | Why |",
      "| --- | --- | --- | --- |",
      ...changes.map((c) => `| **${cell(c.title)}**: ${cell(c.subject)} | ${[where(c) ? `\`${where(c)}\`` : "", `\`${cell(c.pointer)}\``].filter(Boolean).join("<br>")} | ${cell(usedBy(c))} | ${cell(c.why)} |`),
    ];
    if (classification === "documentation") out.push(`<details><summary>${HEADING[classification]} (${changes.length})</summary>`, "", ...table, "", "</details>", "");
    else out.push(`### ${HEADING[classification]} (${changes.length})`, "", ...table, "");
  }
  const { headline, details } = verdict(report);
  out.push(`**${headline}**`, "", ...details.map((d) => `- ${d}`), "");
  return `${out.join("\n")}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(level: "error" | "warning" | "notice", message: string, properties: { file?: string; line?: number; title?: string }): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${level}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/**
 * One workflow command per change to the types: an error for a breaking change (a warning once
 * it ships on purpose), a notice for a non-breaking one; documentation gets none. Also one error
 * per thing the gate misses, on the file to change.
 */
export function formatAnnotations(report: Report, packageJsonLine?: number): string[] {
  const lines: string[] = [];
  for (const change of report.changes) {
    if (change.classification === "documentation") continue;
    const level = change.classification === "non-breaking" ? "notice" : report.gate?.satisfied ? "warning" : "error";
    const title = `${change.classification === "breaking" ? "Breaking" : "Non-breaking"} change: ${change.title}`;
    lines.push(annotation(level, `${change.subject}. ${change.why}`, { file: change.file, line: change.line, title }));
  }
  if (report.gate && !report.gate.satisfied) {
    for (const missing of report.gate.missing) {
      const file = missing.startsWith("package.json") ? "package.json" : "CHANGELOG.md";
      lines.push(annotation("error", missing, { file, line: file === "package.json" ? packageJsonLine : 1, title: "Breaking change not shipped as a major release" }));
    }
  }
  return lines;
}
