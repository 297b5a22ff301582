// The extractor on small inline documents shaped like the published variants: it must find every
// example, say where each came from, repair only the known defects and name them, and refuse
// anything else with the file and line. Pages are read by the page reader that check:page uses:
// a payload belongs to the request it follows, so every document here writes its requests.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { endpointOf, extractDocExamples, type DocExample } from "../../scripts/lib/doc-examples.js";
import { fixtureNames, serializeFixture, writeFixtures } from "../../scripts/lib/fixture-files.js";
import { parseLenientJson, trailingCommas } from "../../scripts/lib/lenient-json.js";
import { DocExampleError } from "../../scripts/lib/markdown-blocks.js";
import { runScript } from "../support/run-script.js";

const FENCE = "```";
const front = (extra = "") => `---\ntitle: Exportaufträge\nsource-git-commit: 3e39333207ef6c94b6d792be33a4605f185ff5ab\n${extra}---\n\n`;

// The numbers in the comments are document lines; the tests below refer to them.
const sample = [
  front().trimEnd(), //                                   1-4 front matter
  "",
  "## Liste mit Exportaufträgen abrufen {#retrieve-list}", // 6
  "",
  `${FENCE}http`,
  "GET /export/jobs",
  FENCE,
  "",
  "**Antwort**",
  "",
  "Die folgende Antwort gibt HTTP-Status 200 mit einer Liste zurück.",
  "",
  `${FENCE}json`, //                                      16
  "{", //                                                 17
  '  "records": [',
  '    { "id": 100, "status": "SUCCEEDED", "destination": { "dataSetId": "d1", "batchId": "b1", }, },', // 19: three trailing commas
  "  ],",
  '  "note": "a comma, } inside a string stays"',
  "}",
  FENCE,
  "",
  "## Neuen Exportauftrag erstellen", //                  25: no anchor, the http block says POST
  "",
  `${FENCE}http`,
  "POST /export/jobs/",
  FENCE,
  "",
  "**Anfrage**",
  "",
  `${FENCE}shell`,
  "curl -X POST https://platform.adobe.io/data/core/ups/export/jobs \\",
  " -H 'Content-Type: application/json' \\",
  " -d '", //                                             36
  "{",
  '    "destination": { "datasetId": "d1" },',
  '    "schema": { "name" : "_xdm.context.profile" }',
  "}'",
  FENCE,
  "",
  "**Antwort**",
  "",
  "Eine erfolgreiche Antwort gibt den HTTP-Status 200 zurück.",
  "",
  "Mit `segmentPerBatch` hätte `destination` ein `batches` Array:",
  "",
  `${FENCE}json`,
  '    "destination": {', //                                50
  '        "dataSetId" : "{DATASET_ID}",',
  '        "batches": [{ "segmentId": "s2", "status": "exited" }]',
  "    }",
  FENCE,
  "",
  "## Bestimmten Exportauftrag abbrechen {#delete}", //   56: a curl request and no http block
  "",
  `${FENCE}shell`,
  "curl -X DELETE https://platform.adobe.io/data/core/ups/export/jobs/100",
  FENCE,
  "",
  "**Antwort**",
  "",
  "Eine erfolgreiche Antwort gibt den HTTP-Status 204 mit der folgenden Meldung zurück:",
  "",
  `${FENCE}json`,
  '{ "status": true, "message": "Export job has been marked for cancelling" }', // 67
  FENCE,
  "",
].join("\n");

describe("extractDocExamples", () => {
  let examples: DocExample[];
  beforeAll(() => {
    examples = extractDocExamples(sample, "docs/003_9a8f6f8c318a10ef.txt");
  });

  it("finds every json block and curl -d body, in document order", () => {
    expect(examples.map((e) => [e.operationId, e.kind, e.status, e.fragment, e.line])).toEqual([
      ["listExportJobs", "response", 200, null, 17],
      ["createExportJob", "request", null, null, 36],
      ["createExportJob", "response", 200, "destination", 50],
      ["cancelExportJob", "response", 204, null, 67],
    ]);
  });

  it("records the variant, the revision's first 8 characters and the language of the file", () => {
    for (const e of examples) {
      expect([e.variant, e.revision, e.language]).toEqual(["003_9a8f6f8c318a10ef.txt", "3e393332", "de"]);
    }
  });

  it("takes the language from the front matter when it names one, and says und when nothing does", () => {
    const doc = (extra: string) => `${front(extra)}## A {#delete}\n\n${FENCE}http\nDELETE /export/jobs/{EXPORT_JOB_ID}\n${FENCE}\n\n**Response**\n\nHTTP 200.\n\n${FENCE}json\n{}\n${FENCE}\n`;
    expect(extractDocExamples(doc("lang: fr\n"), "any.md")[0]!.language).toBe("fr");
    expect(extractDocExamples(doc(""), "any.md")[0]!.language).toBe("und");
  });

  it("names the section by heading and anchor, and its endpoint by the http block when it has one", () => {
    expect(examples[0]!.section).toEqual({ heading: "Liste mit Exportaufträgen abrufen", anchor: "retrieve-list", endpoint: "GET /export/jobs" });
    expect(examples[1]!.section).toEqual({ heading: "Neuen Exportauftrag erstellen", anchor: null, endpoint: "POST /export/jobs" });
    expect(examples[3]!.section).toEqual({ heading: "Bestimmten Exportauftrag abbrechen", anchor: "delete", endpoint: null });
  });

  it("takes each response's status from the prose, including a 204 that is shown with a body", () => {
    expect(examples[3]!.status).toBe(204);
    expect(examples[3]!.payload).toEqual({ status: true, message: "Export job has been marked for cancelling" });
  });

  it("repairs trailing commas, naming each with its document line, and nothing inside strings", () => {
    const list = examples[0]!;
    expect(list.repairs).toEqual([
      { type: "trailing-comma", line: 19, offset: list.raw.indexOf('"b1", }') + 4 },
      { type: "trailing-comma", line: 19, offset: list.raw.indexOf("}, },") + 1 },
      { type: "trailing-comma", line: 19, offset: list.raw.indexOf("}, },") + 4 },
    ]);
    expect((list.payload as { note: string }).note).toBe("a comma, } inside a string stays");
    expect(list.raw).toBe(sample.split("\n").slice(16, 22).join("\n"));
  });

  it("keeps the documents' legacy forms as they are: dataSetId and a bare-string batch status", () => {
    expect((examples[0]!.payload as any).records[0].destination).toEqual({ dataSetId: "d1", batchId: "b1" });
    expect(examples[2]!.payload).toEqual({ destination: { dataSetId: "{DATASET_ID}", batches: [{ segmentId: "s2", status: "exited" }] } });
  });

  it("wraps a member-only fragment in braces and records it; whitespace before a colon needs no repair", () => {
    expect(examples[2]!.repairs).toEqual([{ type: "wrapped-fragment", member: "destination" }]);
    expect(examples[1]!.repairs).toEqual([]);
    expect(examples[1]!.payload).toEqual({ destination: { datasetId: "d1" }, schema: { name: "_xdm.context.profile" } });
  });

  it("keeps a curl body's exact text, from after the opening quote to before the closing one", () => {
    expect(examples[1]!.raw).toBe('\n{\n    "destination": { "datasetId": "d1" },\n    "schema": { "name" : "_xdm.context.profile" }\n}');
  });
});

describe("what the extractor leaves out", () => {
  it("the payloads of calls to other APIs, which a tutorial page shows beside ours", () => {
    const doc = [
      `${front()}## Tutorial`,
      `${FENCE}shell\ncurl -X POST https://platform.adobe.io/data/foundation/catalog/dataSets -d '{ "name": "x" }'\n${FENCE}`,
      `HTTP 201\n\n${FENCE}json\n["@/dataSets/5b7c86968f7b6501e21ba9df"]\n${FENCE}`,
      `${FENCE}http\nGET /export/jobs/{EXPORT_JOB_ID}\n${FENCE}`,
      `HTTP 200\n\n${FENCE}json\n{ "id": 1, "status": "NEW" }\n${FENCE}\n`,
    ].join("\n\n");
    expect(extractDocExamples(doc, "p.md").map((e) => [e.operationId, e.kind, e.status, e.section.endpoint])).toEqual([
      ["retrieveExportJob", "response", 200, "GET /export/jobs/{EXPORT_JOB_ID}"],
    ]);
  });
});

describe("what the extractor refuses, with file and line", () => {
  const withBlock = (json: string, prose = "Uma resposta bem-sucedida retorna o status HTTP 200.") =>
    `${front()}## Recuperar {#get}\n\n${FENCE}http\nGET /export/jobs/{EXPORT_JOB_ID}\n${FENCE}\n\n**Resposta**\n\n${prose}\n\n${FENCE}json\n${json}\n${FENCE}\n`;
  // Heading on line 6, request 9, label 12, prose 14, fence 16, the block's first line 17.

  function errorOf(run: () => unknown): DocExampleError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DocExampleError);
      return error as DocExampleError;
    }
    throw new Error("expected a DocExampleError");
  }

  it("a block that is not JSON after the known repairs", () => {
    const error = errorOf(() => extractDocExamples(withBlock('{\n  "id": 1,\n  "status": SUCCEEDED\n}'), "pages/005_x.txt"));
    // JSON.parse gives no position for this one: the block's first line is named.
    expect(error.message).toMatch(/^pages\/005_x\.txt:17: not valid JSON even after the known repairs: Unexpected token 'S'/);
    expect([error.file, error.line]).toEqual(["pages/005_x.txt", 17]);
  });

  it("points at the offending line when JSON.parse reports a position", () => {
    const error = errorOf(() => extractDocExamples(withBlock('{\n  "id": 1\n  "status": "NEW"\n}'), "p.md"));
    expect(error.message).toMatch(/^p\.md:19: not valid JSON even after the known repairs: Expected ',' or '}'/);
  });

  it("a response whose prose states no status", () => {
    expect(errorOf(() => extractDocExamples(withBlock("{}", "A successful response returns the job."), "p.md")).message).toBe(
      "p.md:16: the prose before this response states no HTTP status",
    );
  });

  it("a json block that follows no request, whatever its section's anchor", () => {
    const doc = `${front()}## Recuperar {#get}\n\n${FENCE}json\n{}\n${FENCE}\n`;
    expect(errorOf(() => extractDocExamples(doc, "p.md")).message).toBe(
      'p.md:6: cannot tell which operation section "Recuperar" documents: no request before its example on line 8',
    );
  });

  it("a section whose anchor and http block disagree, and one that names no operation", () => {
    const disagree = `${front()}## Criar {#create}\n\n${FENCE}http\nDELETE /export/jobs/{EXPORT_JOB_ID}\n${FENCE}\n\n**Resposta**\n\nHTTP 200\n\n${FENCE}json\n{}\n${FENCE}\n`;
    expect(errorOf(() => extractDocExamples(disagree, "p.md")).message).toBe(
      "p.md:6: section {#create} is createExportJob but its http block says DELETE /export/jobs/{EXPORT_JOB_ID}",
    );
    const unknown = `${front()}## Outro\n\n**Resposta**\n\nHTTP 200\n\n${FENCE}json\n{}\n${FENCE}\n`;
    expect(errorOf(() => extractDocExamples(unknown, "p.md")).message).toMatch(/^p\.md:6: cannot tell which operation section "Outro" documents/);
  });

  it("a curl body sent to another operation than its section's", () => {
    const doc = `${front()}## Criar {#create}\n\n**Solicitação**\n\n${FENCE}shell\ncurl -X DELETE https://platform.adobe.io/data/core/ups/export/jobs/7 \\\n -d '{}'\n${FENCE}\n`;
    expect(errorOf(() => extractDocExamples(doc, "p.md")).message).toBe("p.md:12: curl sends DELETE /export/jobs/{EXPORT_JOB_ID} inside the createExportJob section");
  });

  it("a curl body that is not single-quoted, an unclosed fence, and a missing revision", () => {
    const doubleQuoted = `${front()}## Criar {#create}\n\n${FENCE}shell\ncurl -X POST https://h/export/jobs -d "{}"\n${FENCE}\n`;
    expect(errorOf(() => extractDocExamples(doubleQuoted, "p.md")).message).toMatch(/^p\.md:9: curl -d "… is not a single-quoted body/);
    expect(errorOf(() => extractDocExamples(`${front()}## A {#get}\n\n${FENCE}json\n{}\n`, "p.md")).message).toBe("p.md:8: code fence is never closed");
    expect(errorOf(() => extractDocExamples("# A page without front matter\n", "p.md")).message).toBe("p.md:1: front matter has no source-git-commit");
  });
});

describe("lenient JSON", () => {
  it("finds only commas that close a container, outside strings and across lines", () => {
    expect(trailingCommas('{"a": [1, 2,\n ],\n "b": "x, ]", }')).toEqual([11, 29]);
  });

  it("repairs a trailing comma at the very end of a fragment", () => {
    const parsed = parseLenientJson('"destination": { "datasetId": "d" },', "p.md", 40);
    expect(parsed.payload).toEqual({ destination: { datasetId: "d" } });
    expect(parsed.repairs).toEqual([
      { type: "trailing-comma", line: 40, offset: 35 },
      { type: "wrapped-fragment", member: "destination" },
    ]);
  });

  it("leaves valid JSON as it is, with no repairs", () => {
    expect(parseLenientJson('{ "status" : [ "realized" ] }', "p.md", 1)).toEqual({ payload: { status: ["realized"] }, repairs: [], fragment: null });
  });
});

describe("endpointOf", () => {
  it.each([
    ["GET", "/export/jobs?{QUERY_PARAMETERS}", "GET /export/jobs"],
    ["GET", "/export/jobs/", "GET /export/jobs"],
    ["GET", "https://platform.adobe.io/data/core/ups/export/jobs?limit=2", "GET /export/jobs"],
    ["GET", "https://platform.adobe.io/data/core/ups/export/jobs/11037", "GET /export/jobs/{EXPORT_JOB_ID}"],
    ["delete", "/export/jobs/{EXPORT_JOB_ID}", "DELETE /export/jobs/{EXPORT_JOB_ID}"],
  ])("%s %s → %s", (method, path, endpoint) => {
    expect(endpointOf(method, path)).toBe(endpoint);
  });
});

describe("fixture files", () => {
  let examples: DocExample[];
  beforeAll(() => {
    examples = extractDocExamples(sample, "003_9a8f6f8c318a10ef.txt");
  });
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("names fixtures by variant prefix, operation, kind, status and fragment, numbering repeats", () => {
    expect(fixtureNames([...examples, examples[3]!])).toEqual([
      "003-listExportJobs-response-200",
      "003-createExportJob-request",
      "003-createExportJob-response-200-destination",
      "003-cancelExportJob-response-204",
      "003-cancelExportJob-response-204-2",
    ]);
  });

  it("serializes with sorted provenance keys, the payload in document order, 2 spaces and a final newline", () => {
    const text = serializeFixture(examples[1]!);
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
    expect(Object.keys(JSON.parse(text).section)).toEqual(["anchor", "endpoint", "heading"]);
    expect(Object.keys(JSON.parse(text).payload)).toEqual(["destination", "schema"]);
    expect(text).toMatch(/^\{\n {2}"fragment": null,\n/);
    expect(text.endsWith("}\n")).toBe(true);
    expect(serializeFixture(structuredClone(examples[1]!))).toBe(text);
  });

  it("writes one file per example, leaves unchanged files alone and deletes stale ones of the same variants", async () => {
    dir = mkdtempSync(join(tmpdir(), "doc-examples-"));
    writeFileSync(join(dir, "003-retrieveExportJob-response-200.json"), "{}\n");
    writeFileSync(join(dir, "000-listExportJobs-response-200.json"), "{}\n");
    const first = await writeFixtures(dir, examples, ["003_9a8f6f8c318a10ef.txt"]);
    expect(first.written).toHaveLength(4);
    expect(first.deleted).toEqual(["003-retrieveExportJob-response-200.json"]);
    expect(readdirSync(dir)).toContain("000-listExportJobs-response-200.json");
    expect(readFileSync(join(dir, "003-cancelExportJob-response-204.json"), "utf8")).toBe(serializeFixture(examples[3]!));

    const second = await writeFixtures(dir, examples, "all");
    expect([second.written, second.unchanged.length, second.deleted]).toEqual([[], 4, ["000-listExportJobs-response-200.json"]]);
  });
});

describe("the command", () => {
  const run = (args: string[]) => runScript("extract-doc-examples", args);
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("writes the fixtures of the files it is given and prints one line each and a summary", async () => {
    dir = mkdtempSync(join(tmpdir(), "doc-examples-"));
    writeFileSync(join(dir, "003_9a8f6f8c318a10ef.txt"), sample);
    const { code, stdout } = await run(["--out", join(dir, "out"), join(dir, "003_9a8f6f8c318a10ef.txt")]);
    expect(code).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual([
      "003-cancelExportJob-response-204.json",
      "003-createExportJob-request.json",
      "003-createExportJob-response-200-destination.json",
      "003-listExportJobs-response-200.json",
    ]);
    expect(stdout).toContain("003-listExportJobs-response-200.json  (003_9a8f6f8c318a10ef.txt:17; repaired: trailing-comma line 19, trailing-comma line 19, trailing-comma line 19)");
    expect(stdout.trim().split("\n").at(-1)).toBe(
      "4 fixtures from 1 documents, 4 repairs (3 trailing-comma, 1 wrapped-fragment), 4 written, 0 stale deleted",
    );
  });

  it("exits 1 naming file and line when a document cannot be read, and 2 on a bad option", async () => {
    dir = mkdtempSync(join(tmpdir(), "doc-examples-"));
    const broken = join(dir, "broken.md");
    const request = `${FENCE}http\nGET /export/jobs/{EXPORT_JOB_ID}\n${FENCE}\n\n`;
    writeFileSync(broken, `${front()}## A {#get}\n\n${request}**Response**\n\nHTTP 200\n\n${FENCE}json\n{ "id": 1 "status": "NEW" }\n${FENCE}\n`);
    const failed = await run(["--out", join(dir, "out"), broken]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: .*broken\.md:17: not valid JSON even after the known repairs/);
    expect(readdirSync(dir)).toEqual(["broken.md"]);

    const misused = await run(["--bogus"]);
    expect([misused.code, misused.stderr.split("\n")[0]]).toEqual([2, "Unknown option --bogus"]);
  });
});
