// The pure pieces of the tool, tested in-process.
import { describe, expect, it } from "vitest";
import { splitCommand, parseCommand, GLOBAL_OPTIONS, UsageError } from "../../src/cli/args.js";
import { bodyFromFlags, flagFor } from "../../src/cli/create-body.js";
import { formatDuration, parseDuration } from "../../src/cli/duration.js";
import { scanHar } from "../../src/cli/har.js";
import { inferKind } from "../../src/cli/infer-kind.js";
import { formatTime } from "../../src/cli/job-view.js";
import { renderTable } from "../../src/cli/table.js";

describe("durations", () => {
  it.each([
    ["500ms", 500],
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["1.5s", 1500],
    ["45", 45_000],
  ])("parses %s", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(["", "soon", "5 minutes", "-5s", "1d", "s"])("rejects %j", (text) => expect(parseDuration(text)).toBeUndefined());

  it.each([
    [850, "850ms"],
    [12_400, "12s"],
    [505_864, "8m 25s"],
    [7_500_000, "2h 05m"],
  ])("formats %d ms as %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("the command line", () => {
  it("finds the command after global options, skipping their values", () => {
    expect(splitCommand(["--base-url", "http://x", "--verbose", "get", "5"])).toEqual({ command: "get", rest: ["--base-url", "http://x", "--verbose", "5"] });
    expect(splitCommand(["--base-url=http://x", "list"])).toEqual({ command: "list", rest: ["--base-url=http://x"] });
    expect(splitCommand(["--help"])).toEqual({ command: undefined, rest: ["--help"] });
  });

  it("turns parse errors into one-line usage errors", () => {
    expect(() => parseCommand(["--nope"], GLOBAL_OPTIONS)).toThrow(new UsageError("unknown option --nope"));
    expect(() => parseCommand(["--base-url"], GLOBAL_OPTIONS)).toThrow(new UsageError("option --base-url needs a value"));
  });

  it("hands a negative value to its option's own check, and names a negative ID as such", () => {
    const options = { limit: { type: "string" }, all: { type: "boolean" } } as const;
    expect(parseCommand(["--limit", "-5", "--all"], options).values).toEqual({ limit: "-5", all: true });
    expect(() => parseCommand(["-5"], options)).toThrow(new UsageError("-5 is a negative number, not an option: IDs and counts are positive integers"));
    expect(() => parseCommand(["--all", "-5"], options)).toThrow(/^-5 is a negative number/);
  });
});

describe("the create body from options", () => {
  it("holds only what was given", () => {
    expect(bodyFromFlags({ dataset: "d", schema: "s" })).toEqual({ destination: { datasetId: "d" }, schema: { name: "s" } });
  });

  it("splits ID:NAMESPACE and ID:VERSION, keeping a version that is not a number for validation to report", () => {
    const body = bodyFromFlags({ dataset: "d", schema: "s", segment: ["a", "b:AAM"], "merge-policy": "mp:x" });

    expect(body.filter?.segments).toEqual([{ segmentId: "a" }, { segmentId: "b", segmentNs: "AAM" }]);
    expect(body.mergePolicy).toEqual({ id: "mp", version: "x" });
    expect(bodyFromFlags({ dataset: "d", schema: "s", "merge-policy": "mp:3" }).mergePolicy).toEqual({ id: "mp", version: 3 });
  });

  it("refuses --segment-status without a --segment", () => {
    expect(() => bodyFromFlags({ dataset: "d", schema: "s", "segment-status": "realized" })).toThrow(/name at least one --segment/);
  });

  it("names the option behind a field", () => {
    expect(flagFor("/filter/segments/1/status/0")).toBe("--segment-status");
    expect(flagFor("/filter/segments/1/segmentId")).toBe("--segment");
    expect(flagFor("/evaluationInfo")).toBeUndefined();
  });
});

describe("payload kinds", () => {
  it.each([
    [{ records: [] }, "list"],
    [{ id: 1, status: "NEW" }, "job"],
    [{ error_code: "401013", message: "m" }, "error"],
    [{ type: "t", title: "Not found", status: 404 }, "error"],
    [{ status: true, message: "ok" }, "cancel"],
    [{ destination: {}, schema: {} }, "create-request"],
    [{ foo: 1 }, undefined],
    [[1], undefined],
  ])("infers %j as %s", (payload, kind) => expect(inferKind(payload)).toBe(kind));
});

describe("HAR entries", () => {
  const entry = (method: string, url: string, status = 200) => ({ request: { method, url }, response: { status, content: { text: "{}" } } });

  it("maps export jobs URLs, with or without a trailing slash, to their operations and skips the rest", () => {
    const scan = scanHar({
      log: {
        entries: [
          entry("GET", "https://h/data/core/ups/export/jobs/?limit=1"),
          entry("POST", "https://h/data/core/ups/export/jobs"),
          entry("GET", "https://h/data/core/ups/export/jobs/5"),
          entry("DELETE", "https://h/data/core/ups/export/jobs/5"),
          entry("PUT", "https://h/data/core/ups/export/jobs/5"),
          entry("GET", "https://h/data/core/ups/export/jobs/5/batches"),
          entry("GET", "https://h/data/core/ups/export/jobs", 0),
        ],
      },
    });

    expect(scan.checks.map((c) => `${c.entry} ${c.operationId} ${c.status}`)).toEqual([
      "0 listExportJobs 200",
      "1 createExportJob body",
      "1 createExportJob 200",
      "2 retrieveExportJob 200",
      "3 cancelExportJob 200",
    ]);
    expect(scan.skipped.map((s) => s.entry)).toEqual([4, 5, 6]);
  });
});

describe("output formatting", () => {
  it("formats epoch milliseconds as ISO 8601 UTC to the second", () => {
    expect(formatTime(1538615973895)).toBe("2018-10-04T01:19:33Z");
    expect(formatTime(undefined)).toBe("-");
  });

  it("aligns table columns, right-aligning numbers", () => {
    const rows = [{ id: 7, name: "seven" }, { id: 11037, name: "x" }];
    const lines = renderTable([{ header: "ID", value: (r: (typeof rows)[0]) => String(r.id), align: "right" }, { header: "NAME", value: (r) => r.name }], rows);

    expect(lines).toEqual(["   ID  NAME", "    7  seven", "11037  x"]);
  });
});
