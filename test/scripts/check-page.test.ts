// check:page on the committed pages (the five seeds and the variants found later, see
// test/fixtures/pages/README.md) and on edited copies of them: drift must come out as a new
// finding that names the value and its line, while every disagreement the decision log already
// decided stays known. No network, nothing outside the repository.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkContext, checkPage, exitStatusOf, type CheckContext, type PageReport } from "../../scripts/lib/page-check.js";
import { runScript } from "../support/run-script.js";

const PAGES = "test/fixtures/pages";
const SEEDS = {
  "000": `${PAGES}/seeds/000_3441314930b25bf8.txt`,
  "001": `${PAGES}/seeds/001_d728ec8ff33cbd98.txt`,
  "002": `${PAGES}/seeds/002_36f7b9dc8c83912c.txt`,
  "003": `${PAGES}/seeds/003_9a8f6f8c318a10ef.txt`,
  "004": `${PAGES}/seeds/004_e3a36fb95fc7752c.txt`,
};
const PUBLISHED = {
  en: `${PAGES}/published/en_6a69dd0b.md`,
  fr: `${PAGES}/published/fr-FR_066859bc.md`,
  ja: `${PAGES}/published/ja-JP_063938bd.md`,
};
const FENCE = "```";
const read = (file: string) => readFileSync(file, "utf8");

let context: CheckContext;
beforeAll(() => {
  context = checkContext();
});
const check = (markdown: string, file = "page.md") => checkPage(markdown, file, context);

/** Replaces `from` on the one line that contains `on` (the whole text when `on` is omitted), and nowhere else. */
function edit(text: string, from: string, to: string, on?: string): string {
  const lines = text.split("\n");
  const at = lines.flatMap((line, i) => ((on === undefined || line.includes(on)) && line.includes(from) ? [i] : []));
  expect(at, `"${from}" on exactly one line${on ? ` containing "${on}"` : ""}`).toHaveLength(1);
  lines[at[0]!] = lines[at[0]!]!.replace(from, to);
  return lines.join("\n");
}

/** 1-based line of the only line containing `needle`. */
function lineOf(text: string, needle: string, after = 0): number {
  const at = text.split("\n").flatMap((line, i) => (i + 1 > after && line.includes(needle) ? [i + 1] : []));
  expect(at.length, `"${needle}" after line ${after}`).toBeGreaterThan(0);
  return at[0]!;
}

const summary = (report: PageReport) => report.findings.map((f) => [f.kind, f.decision, f.line]);
const newFindings = (report: PageReport) => report.findings.filter((f) => f.kind === "new");

describe("the five seeds", () => {
  it.each(Object.entries(SEEDS))("%s: every payload valid after repairs, every finding already decided", async (_, file) => {
    const report = await check(read(file), file);
    expect(report.blocks.every((b) => b.valid === true)).toBe(true);
    expect(newFindings(report)).toEqual([]);
    expect(exitStatusOf([report])).toBe(0);
  });

  it("000 (newest, Portuguese): exiting and the missing existing are D3, the trailing commas D19, the body under 204 D9", async () => {
    const report = await check(read(SEEDS["000"]), SEEDS["000"]);
    expect(summary(report)).toEqual([
      ["known", "D19", 82],
      ["known", "D3", 213],
      ["known", "D3", 213],
      ["known", "D19", 362],
      ["known", "D9", 540],
    ]);
    expect(report.findings[1]!.message).toContain('"exiting"');
    expect(report.findings[2]!.message).toBe('segment status: the page no longer lists "existing", which SegmentStatus accepts');
    expect([report.language, report.revision]).toEqual([null, "be2ad7a0"]);
  });

  it("001 (Italian): the filter's SUCCESSEDED, and the SUCCEEDED it replaced, are D2", async () => {
    const report = await check(read(SEEDS["001"]), SEEDS["001"]);
    expect(report.findings.filter((f) => f.decision === "D2")).toEqual([
      {
        kind: "known",
        decision: "D2",
        line: 45,
        message: 'list filter status: the page lists "SUCCESSEDED", which ExportJobStatusFilter does not have (NEW, SUCCEEDED, FAILED)',
      },
      { kind: "known", decision: "D2", line: 45, message: 'list filter status: the page no longer lists "SUCCEEDED", which ExportJobStatusFilter accepts' },
    ]);
  });

  it("003 (German): the translated segment statuses are D3", async () => {
    const report = await check(read(SEEDS["003"]), SEEDS["003"]);
    const d3 = report.findings.filter((f) => f.decision === "D3");
    expect(d3.map((f) => [f.line, /"(\w+)"/.exec(f.message)![1]])).toEqual([
      [200, "realisiert"],
      [200, "vorhanden"],
      [200, "beendet"],
    ]);
  });

  it("004 (oldest): the table's sgementNs is D10, the create response's SUCCEEDED D12, its DELETE 200 needs nothing", async () => {
    const report = await check(read(SEEDS["004"]), SEEDS["004"]);
    expect(summary(report)).toEqual([
      ["known", "D10", 234],
      ["known", "D12", 264],
    ]);
    expect(report.findings[0]!.message).toContain("`segments.sgementNs`");
    expect(report.blocks.at(-1)).toMatchObject({ operation: "cancelExportJob", status: 200, valid: true });
  });
});

describe("variants found later", () => {
  it("the English page, the French and the Japanese translations: nothing new", async () => {
    const reports = await Promise.all(Object.values(PUBLISHED).map(async (file) => check(read(file), file)));
    expect(reports.map((r) => [r.language, r.revision])).toEqual([
      ["en", null],
      ["fr", "bf90e478"],
      ["ja", "d28cebaf"],
    ]);
    expect(reports.map(summary)).toEqual([
      [["known", "D19", 66], ["known", "D3", 197], ["known", "D19", 338], ["known", "D9", 502]],
      [["known", "D19", 82], ["known", "D3", 213], ["known", "D3", 213], ["known", "D19", 362], ["known", "D9", 540]],
      [["known", "D19", 72], ["known", "D3", 203], ["known", "D3", 203], ["known", "D19", 344], ["known", "D9", 508]],
    ]);
    expect(exitStatusOf(reports)).toBe(0);
  });
});

describe("classification by the request a payload follows", () => {
  const operations = (report: PageReport) => report.blocks.map((b) => [b.operation, b.part, b.status]);

  it("the Japanese page: 「…」 labels nobody listed, statuses stated as HTTP ステータス", async () => {
    const report = await check(read(PUBLISHED.ja), PUBLISHED.ja);
    expect(operations(report)).toEqual([
      ["listExportJobs", "response", 200],
      ["createExportJob", "request", null],
      ["createExportJob", "response", 200],
      ["createExportJob", "response", 200],
      ["retrieveExportJob", "response", 200],
      ["cancelExportJob", "response", 204],
    ]);
  });

  it("a page with no label words at all, in Korean, with a status after the digits' neighbour words", async () => {
    const page = [
      "## 삭제",
      "",
      `${FENCE}shell`,
      "curl -X DELETE https://platform.adobe.io/data/core/ups/export/jobs/{EXPORT_JOB_ID}",
      FENCE,
      "",
      "성공한 응답은 HTTP 상태 200을 반환합니다.",
      "",
      `${FENCE}json`,
      '{ "status": true, "message": "Export job has been marked for cancelling" }',
      FENCE,
    ].join("\n");
    const report = await check(page, "ko-KR.md");
    expect(report.language).toBe("ko");
    expect(report.blocks).toEqual([{ line: 10, operation: "cancelExportJob", part: "response", status: 200, valid: true, repairs: [], problems: [] }]);
  });

  it("a tutorial page: blocks after calls to other APIs are not ours, not validated, and their prose is not read", async () => {
    const page = [
      "# Exporter une audience", //                                    1
      "",
      `${FENCE}json`, //                                                3: before any request
      '{ "status": "DONE" }',
      FENCE,
      "",
      `${FENCE}shell`,
      "curl -X POST https://platform.adobe.io/data/foundation/catalog/dataSets \\",
      " -H 'Content-Type: application/json' \\",
      ` -d '{ "name": "Audience export", "schemaRef": { "id": "x" } }'`, // 10
      FENCE,
      "",
      "Une réponse réussie renvoie l’état HTTP 201.",
      "",
      `${FENCE}json`,
      '["@/dataSets/5b7c86968f7b6501e21ba9df"]', //                   16
      FENCE,
      "",
      "| Propriété | Description |",
      "| --- | --- |",
      "| `schemaRef.id` | Valeurs : « NEW », « DONE » et « GONE ». |", // a table of that API
      "",
      `${FENCE}shell`,
      "curl -X POST https://platform.adobe.io/data/core/ups/export/jobs \\",
      ` -d '{ "destination": { "datasetId": "5b7c86968f7b6501e21ba9df" }, "schema": { "name": "_xdm.context.profile" } }'`, // 25
      FENCE,
      "",
      "Une réponse réussie renvoie l’état HTTP 200 :",
      "",
      `${FENCE}json`,
      '{ "id": 100, "status": "NEW" }', //                             31
      FENCE,
      "",
      `${FENCE}shell`,
      "curl -X GET 'https://platform.adobe.io/data/foundation/catalog/batches/da5c?limit=1'",
      FENCE,
      "",
      `${FENCE}json`,
      '{ "da5c": { "status": "success" } }', //                        39
      FENCE,
    ].join("\n");
    const report = await check(page);
    expect(report.blocks.map((b) => [b.line, b.operation, b.part, b.status, b.valid])).toEqual([
      [4, null, "response", null, null],
      [10, null, "request", null, null],
      [16, null, "response", 201, null],
      [25, "createExportJob", "request", null, true],
      [31, "createExportJob", "response", 200, true],
      [39, null, "response", null, null],
    ]);
    expect(report.findings).toEqual([]);
  });

  it("a full URL must carry the server's base path: another API's /export/jobs is not ours", async () => {
    const page = `${FENCE}shell\ncurl -X GET https://platform.adobe.io/data/foundation/export/jobs\n${FENCE}\n\nHTTP 200\n\n${FENCE}json\n{ "records": "x" }\n${FENCE}\n`;
    expect((await check(page)).blocks[0]).toMatchObject({ operation: null, valid: null });
  });
});

describe("repairs", () => {
  it("each repair is named with its line; a trailing comma is a D19 finding, a bare member is not a finding", async () => {
    const report = await check(read(SEEDS["002"]), SEEDS["002"]);
    expect(report.blocks.map((b) => b.repairs)).toEqual([["trailing-comma line 82"], [], ["trailing-comma line 362"], ["wrapped-fragment destination"], [], []]);
    expect(report.findings.filter((f) => f.decision === "D19").map((f) => [f.line, f.message])).toEqual([
      [82, "listExportJobs response: a trailing comma (repaired)"],
      [362, "createExportJob response: a trailing comma (repaired)"],
    ]);
  });

  it("only the known defects are repaired: anything else is an invalid payload and a new finding", async () => {
    const page = `${FENCE}http\nGET /export/jobs/{EXPORT_JOB_ID}\n${FENCE}\n\nHTTP 200\n\n${FENCE}json\n{\n  "id": 1\n  "status": "NEW"\n}\n${FENCE}\n`;
    const report = await check(page);
    expect(report.blocks[0]).toMatchObject({ operation: "retrieveExportJob", valid: false, repairs: [] });
    expect(report.blocks[0]!.problems[0]!.message).toMatch(/^not valid JSON even after the known repairs: Expected ',' or '}'/);
    expect(summary(report)).toEqual([["new", null, 10]]);
    expect(exitStatusOf([report])).toBe(1);
  });
});

describe("drift in an edited copy of a page is new, names the value and its line", () => {
  const newest = () => read(SEEDS["002"]);

  it("a job status the description lacks, in a payload", async () => {
    const page = edit(newest(), '"status": "FAILED"', '"status": "CANCELLED"');
    const report = await check(page);
    expect(newFindings(report)).toEqual([
      {
        kind: "new",
        decision: null,
        line: lineOf(page, '"CANCELLED"'),
        message: 'listExportJobs response: /records/1/status must be one of NEW, PROCESSING, SUCCEEDED, FAILED (got "CANCELLED")',
      },
    ]);
    expect(report.blocks[0]!.valid).toBe(false);
    expect(exitStatusOf([report])).toBe(1);
  });

  it("a field the description lacks, in a payload and in a table", async () => {
    let page = edit(newest(), '"id": 11037,', '"id": 11037,\n    "priority": 1,');
    page = edit(page, "| `offset` |", "| `exportFormat` | Formato. | `exportFormat=csv` |\n| `offset` |");
    const report = await check(page);
    expect(newFindings(report).map((f) => [f.line, f.message])).toEqual([
      [lineOf(page, "`exportFormat`"), "the table names `exportFormat`, which the description has no field or parameter for"],
      [lineOf(page, '"priority"'), "retrieveExportJob response: /priority is not allowed here (unknown field)"],
    ]);
  });

  it("a segment status the description lacks, in prose", async () => {
    const page = edit(newest(), "`realized` y `exited`", "`realized`, `exited` y `expired`", "Especifica los segmentos");
    const report = await check(page);
    expect(newFindings(report)).toEqual([
      {
        kind: "new",
        decision: null,
        line: lineOf(page, "`expired`"),
        message: 'segment status: the page lists "expired", which SegmentStatus does not have (realized, existing, exited)',
      },
    ]);
  });

  it("a filter value the description lacks, and the value it replaced, which the description still accepts", async () => {
    const page = edit(newest(), "&quot;FAILED&quot;", "&quot;CANCELLED&quot;", "| `status` |");
    const report = await check(page);
    expect(newFindings(report)).toEqual([
      {
        kind: "new",
        decision: null,
        line: 47,
        message: 'list filter status: the page lists "CANCELLED", which ExportJobStatusFilter does not have (NEW, SUCCEEDED, FAILED)',
      },
      { kind: "new", decision: null, line: 47, message: 'list filter status: the page no longer lists "FAILED", which ExportJobStatusFilter accepts' },
    ]);
  });

  it("a value dropped from a list is known only when the log records a source without it", async () => {
    const withoutFailed = await check(edit(newest(), " y &quot;FAILED&quot;", "", "| `status` |"));
    expect(summary(withoutFailed).filter(([, , line]) => line === 47)).toEqual([["new", null, 47]]);
    // The Italian seed lists no SUCCEEDED, and D2 records that (see above); the newest no existing, and D3 records that.
    const withoutExisting = await check(read(SEEDS["000"]));
    expect(withoutExisting.findings.find((f) => f.message.includes('"existing"'))).toMatchObject({ kind: "known", decision: "D3" });
  });

  it("a filter value the description lacks, in a request line", async () => {
    const page = edit(newest(), "export/jobs?limit=2", "export/jobs?status=DONE");
    expect(newFindings(await check(page))).toEqual([
      {
        kind: "new",
        decision: null,
        line: lineOf(page, "?status=DONE"),
        message: "listExportJobs request: status=DONE, which ExportJobStatusFilter does not have (NEW, SUCCEEDED, FAILED)",
      },
    ]);
  });

  it("a status the operation does not declare: a finding, and the body is checked as its success response", async () => {
    const page = edit(newest(), "el estado HTTP 204", "el estado HTTP 202");
    const report = await check(page);
    expect(newFindings(report).map((f) => [f.line, f.message])).toEqual([
      [540, "cancelExportJob response: HTTP 202, which the description does not declare (it declares 200, 204, 400, 401, 403, 404, 429, 500, 503); checked as HTTP 200"],
    ]);
    expect(report.blocks.at(-1)).toMatchObject({ status: 202, valid: true });
  });
});

describe("the command", () => {
  const run = (args: string[]) => runScript("check-page", args);
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("--json prints one document and nothing else, in the documented shape", async () => {
    const { code, stdout, stderr } = await run(["--json", SEEDS["001"]]);
    expect([code, stderr]).toEqual([0, ""]);
    const document = JSON.parse(stdout);
    expect(Object.keys(document)).toEqual(["pages"]);
    const [page] = document.pages;
    expect(Object.keys(page)).toEqual(["file", "language", "revision", "blocks", "findings"]);
    expect([page.file, page.language, page.revision]).toEqual([SEEDS["001"], null, "59dfa862"]);
    expect(page.blocks[0]).toEqual({ line: 64, operation: "listExportJobs", part: "response", status: 200, valid: true, repairs: ["trailing-comma line 72"], problems: [] });
    for (const block of page.blocks) expect(Object.keys(block)).toEqual(["line", "operation", "part", "status", "valid", "repairs", "problems"]);
    for (const finding of page.findings) expect(Object.keys(finding)).toEqual(["kind", "decision", "line", "message"]);
    expect(page.findings[0]).toMatchObject({ kind: "known", decision: "D2", line: 45 });
  });

  it("exits 0 on the five seeds with a short report per page", async () => {
    const { code, stdout } = await run(Object.values(SEEDS));
    expect(code).toBe(0);
    expect(stdout).toContain(`${SEEDS["001"]}\n  read: language not stated, revision 59dfa862; payloads: listExportJobs 1 response; createExportJob 1 request, 2 responses; retrieveExportJob 1 response; cancelExportJob 1 response\n`);
    expect(stdout).toContain('  line 45   known D2  list filter status: the page lists "SUCCESSEDED"');
    expect(stdout.trim().split("\n").at(-1)).toBe("5 pages: 0 new findings, 24 known, 0 invalid payloads");
  });

  it("exits 1 on a new finding, 2 on a file it cannot read or a bad option", async () => {
    dir = mkdtempSync(join(tmpdir(), "check-page-"));
    const drifted = join(dir, "es-ES.md");
    writeFileSync(drifted, edit(read(SEEDS["002"]), '"status": "FAILED"', '"status": "CANCELLED"'));
    const failed = await run([drifted]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("NEW       listExportJobs response: /records/1/status must be one of");
    expect(failed.stdout).toContain("read: language es, revision bf90e478");

    const missing = await run([SEEDS["000"], join(dir, "absent.md")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read .*absent\.md/);
    expect((await run(["--bogus", SEEDS["000"]])).code).toBe(2);
    expect((await run([])).stderr).toMatch(/^No page given\.\nUsage: npm run check:page -- \[--json\] FILE\.\.\./);
  });
});
