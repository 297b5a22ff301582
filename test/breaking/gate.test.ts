// Shipping a breaking change on purpose (--require-major-bump): the pull request raises the major
// version in package.json above the base's and adds an entry under `### Breaking` to CHANGELOG.md. Also the
// annotation lines the --github mode prints.
import { describe, expect, it } from "vitest";
import type { Change } from "../../scripts/lib/breaking-rules.js";
import { evaluateGate, exitCode, formatAnnotations, formatMarkdown, type LocatedChange, type Report } from "../../scripts/lib/breaking-report.js";

const manifest = (version: string) => JSON.stringify({ name: "aep-export-jobs", version }, null, 2);
const CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Something.\n\n## [1.0.0]\n\nThe first release.\n";
const withBreakingEntry = CHANGELOG.replace("## [Unreleased]\n", "## [Unreleased]\n\n### Breaking\n\n- `ExportJobStatus` gains `CANCELLED`: enum value added to a response.\n");

describe("the major-release gate", () => {
  it("passes when there is no breaking change, whatever the version and changelog", () => {
    expect(evaluateGate({ breaking: 0, basePackageJson: manifest("1.0.0"), headPackageJson: manifest("1.0.0"), baseChangelog: CHANGELOG, headChangelog: CHANGELOG })).toMatchObject({
      satisfied: true,
      missing: [],
    });
  });

  it("passes a breaking change with a new major version and a Breaking line in CHANGELOG.md", () => {
    const gate = evaluateGate({ breaking: 2, basePackageJson: manifest("1.4.2"), headPackageJson: manifest("2.0.0"), baseChangelog: CHANGELOG, headChangelog: withBreakingEntry });
    expect(gate).toMatchObject({ satisfied: true, majorRaised: true, baseVersion: "1.4.2", headVersion: "2.0.0", changelogLine: "- `ExportJobStatus` gains `CANCELLED`: enum value added to a response.", missing: [] });
  });

  it("fails a breaking change with only a minor version raised, and says so", () => {
    const gate = evaluateGate({ breaking: 1, basePackageJson: manifest("1.0.0"), headPackageJson: manifest("1.1.0"), baseChangelog: CHANGELOG, headChangelog: withBreakingEntry });
    expect(gate.satisfied).toBe(false);
    expect(gate.missing).toEqual(["package.json must raise the major version above the base's 1.0.0 (it is 1.1.0)."]);
  });

  it("fails a breaking change whose CHANGELOG.md gains no entry under ### Breaking", () => {
    const gate = evaluateGate({
      breaking: 1,
      basePackageJson: manifest("1.0.0"),
      headPackageJson: manifest("2.0.0"),
      baseChangelog: CHANGELOG,
      headChangelog: CHANGELOG.replace("- Something.", "- Something.\n- Job statuses gain CANCELLED."),
    });
    expect(gate.satisfied).toBe(false);
    expect(gate.missing).toEqual([expect.stringMatching(/^CHANGELOG.md must gain an entry under a `### Breaking` heading/)]);
  });

  it("does not count the word Breaking outside a ### Breaking section, nor such a section of an older release", () => {
    const prose = CHANGELOG.replace("- Something.", "- Something. Breaking news: the gate reads headings.");
    const older = CHANGELOG.replace("The first release.\n", "### Breaking\n\n- An old break.\n");
    for (const headChangelog of [prose, older]) {
      const gate = evaluateGate({ breaking: 1, basePackageJson: manifest("1.0.0"), headPackageJson: manifest("2.0.0"), baseChangelog: CHANGELOG, headChangelog });
      expect(gate.missing).toEqual([expect.stringMatching(/^CHANGELOG.md/)]);
    }
  });

  it("counts a new entry under ### Breaking even when an older release had the same heading", () => {
    const older = withBreakingEntry.replace("## [Unreleased]", "## [Unreleased]\n\n### Breaking\n\n- A new break.\n\n## [2.0.0]");
    const gate = evaluateGate({ breaking: 1, basePackageJson: manifest("2.0.0"), headPackageJson: manifest("3.0.0"), baseChangelog: withBreakingEntry, headChangelog: older });
    expect(gate).toMatchObject({ satisfied: true, changelogLine: "- A new break." });
  });

  it("does not count a Breaking entry the base already had", () => {
    const gate = evaluateGate({ breaking: 1, basePackageJson: manifest("2.0.0"), headPackageJson: manifest("3.0.0"), baseChangelog: withBreakingEntry, headChangelog: withBreakingEntry });
    expect(gate.missing).toEqual([expect.stringMatching(/^CHANGELOG.md/)]);
  });

  it("fails when a version cannot be read", () => {
    const gate = evaluateGate({ breaking: 1, headPackageJson: manifest("2.0.0"), headChangelog: withBreakingEntry });
    expect(gate.missing).toEqual([expect.stringMatching(/could not be read \(base: none, this branch: 2.0.0\)/)]);
  });

  it("sets the exit status: 1 for a breaking change unless the gate passes it", () => {
    const report = (gate?: Report["gate"]): Report => ({
      base: { ref: "origin/main", commit: "a".repeat(40) },
      counts: { breaking: 1, "non-breaking": 0, documentation: 0 },
      changes: [],
      ...(gate ? { gate } : {}),
    });
    expect(exitCode(report())).toBe(1);
    expect(exitCode(report({ satisfied: false, majorRaised: false, missing: ["x"] }))).toBe(1);
    expect(exitCode(report({ satisfied: true, majorRaised: true, missing: [] }))).toBe(0);
  });
});

describe("annotations for GitHub", () => {
  const change = (classification: Change["classification"], extra: Partial<LocatedChange> = {}): LocatedChange => ({
    classification,
    rule: classification === "breaking" ? "response-enum-value-added" : classification === "non-breaking" ? "response-field-added" : "documentation",
    title: "Enum value added to a response",
    subject: "`ExportJobStatus` gains `CANCELLED`",
    why: "Responses can now carry `CANCELLED`,\nsay.",
    action: "add",
    pointer: "#/components/schemas/ExportJobStatus/enum/4",
    side: "head",
    sites: [],
    library: { type: "breaking" },
    file: "openapi/components/schemas/ExportJobStatus.yaml",
    line: 12,
    ...extra,
  });
  const report = (changes: LocatedChange[], gate?: Report["gate"]): Report => ({
    base: { ref: "origin/main", commit: "a".repeat(40) },
    counts: {
      breaking: changes.filter((c) => c.classification === "breaking").length,
      "non-breaking": changes.filter((c) => c.classification === "non-breaking").length,
      documentation: changes.filter((c) => c.classification === "documentation").length,
    },
    changes,
    ...(gate ? { gate } : {}),
  });

  it("prints an error on the changed file and line for a breaking change, escaped as workflow commands require", () => {
    expect(formatAnnotations(report([change("breaking", { file: "openapi/a,b.yaml" })]))).toEqual([
      "::error file=openapi/a%2Cb.yaml,line=12,title=Breaking change%3A Enum value added to a response::`ExportJobStatus` gains `CANCELLED`. Responses can now carry `CANCELLED`,%0Asay.",
    ]);
  });

  it("prints a warning instead once the change ships as a major release, a notice for a non-breaking change, nothing for documentation", () => {
    const lines = formatAnnotations(report([change("breaking"), change("non-breaking"), change("documentation")], { satisfied: true, majorRaised: true, missing: [] }));
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["::warning", "::notice"]);
  });

  it("points what the gate misses at package.json and CHANGELOG.md", () => {
    const gate = evaluateGate({ breaking: 1, basePackageJson: manifest("1.0.0"), headPackageJson: manifest("1.0.0"), baseChangelog: CHANGELOG, headChangelog: CHANGELOG });
    const lines = formatAnnotations(report([change("breaking")], gate), 3);
    expect(lines.slice(1).map((l) => l.replace(/::[^:]*$/, ""))).toEqual([
      "::error file=package.json,line=3,title=Breaking change not shipped as a major release",
      "::error file=CHANGELOG.md,line=1,title=Breaking change not shipped as a major release",
    ]);
  });

  it("writes a Markdown summary with one table per classification and the verdict", () => {
    const markdown = formatMarkdown(report([change("breaking", { subject: "a | b" }), change("documentation")]));
    expect(markdown).toContain("### Breaking (1)");
    expect(markdown).toContain("a \\| b");
    expect(markdown).toContain("<details><summary>Documentation only (1)</summary>");
    expect(markdown).toContain("**1 breaking change.**");
  });
});
