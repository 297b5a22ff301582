// The rendered reference (dist/docs/index.html), driven in Chromium with the network cut off:
// it must render every operation completely without loading anything from elsewhere.
import { mkdirSync } from "node:fs";
import type { Browser, Locator } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildIfMissing } from "../package/build-once.js";
import {
  descriptionFile,
  describedOperations,
  firstSentence,
  readDescription,
  type DescribedOperation,
} from "./described.js";
import {
  docsFile,
  enumLists,
  exampleNames,
  expandAllSchemas,
  goToSection,
  isInViewport,
  launchChromium,
  openDocs,
  operationAnchor,
  operationSection,
  REDOC_SETTLES,
  searchOffered,
  sectionTitle,
  visibleText,
  type DocsPage,
} from "./docs-page.js";

const screenshotFile = "dist/docs-screenshot.png";

const expectedOperations = [
  { operationId: "listExportJobs", summary: "List export jobs", parameters: ["limit", "offset", "status"] },
  { operationId: "createExportJob", summary: "Create an export job", parameters: ["x-profile-instance-id"] },
  { operationId: "retrieveExportJob", summary: "Retrieve an export job", parameters: ["EXPORT_JOB_ID"] },
  { operationId: "cancelExportJob", summary: "Cancel an export job", parameters: ["EXPORT_JOB_ID"] },
];

let browser: Browser;
let described: DescribedOperation[];
let reconciliationNotes: string;
const opened: DocsPage[] = [];

beforeAll(async () => {
  buildIfMissing([docsFile, descriptionFile], "npm run bundle && npm run docs");
  const description = readDescription();
  described = describedOperations(description);
  reconciliationNotes = description.tags.find((tag: { name: string }) => tag.name === "Reconciliation notes").description;
  browser = await launchChromium();
}, 180_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((docs) => docs.page.close()));
});

afterAll(async () => {
  await shared?.page.close();
  await browser?.close();
});

async function open(hash = ""): Promise<DocsPage> {
  const docs = await openDocs(browser, hash);
  opened.push(docs);
  return docs;
}

// Loading the 2.5 MB page is most of each test's time: tests that only read a section share one
// loaded page (the one the first test loads) and move to their section by its hash, as a reader
// clicking through would.
let shared: DocsPage | undefined;
async function openShared(): Promise<DocsPage> {
  shared ??= await openDocs(browser);
  return shared;
}

async function visit(anchor: string): Promise<DocsPage> {
  const docs = await openShared();
  await goToSection(docs.page, anchor);
  return docs;
}

function expectNothingWentWrong(docs: DocsPage): void {
  expect(docs.blocked, "requests that would leave the machine").toEqual([]);
  expect(docs.failed, "failed requests").toEqual([]);
  expect(docs.consoleErrors, "console errors").toEqual([]);
}

function lines(text: string): string[] {
  return text.split("\n").map((line) => line.trim());
}

// Generous: the page is 2.5 MB of inlined Redoc, and a busy machine renders it slowly.
describe("rendered API reference", { timeout: 120_000 }, () => {
  it("loads offline without console errors, failed or external requests", async () => {
    const docs = await openShared();
    await searchOffered(docs.page);
    await docs.page.waitForLoadState("networkidle");

    expect(await docs.page.title()).toBe("Export jobs API – aep-export-jobs");
    const page = await visibleText(docs.page.locator("body"));
    expect(page).toContain("Export jobs");
    expect(page).toContain("Reconciliation notes");

    mkdirSync("dist", { recursive: true });
    await docs.page.screenshot({ path: screenshotFile });
    expectNothingWentWrong(docs);
  });

  it("documents the operations the description has, and no others", () => {
    expect(described.map((op) => [op.operationId, op.summary, op.parameterNames])).toEqual(
      expectedOperations.map((op) => [op.operationId, op.summary, op.parameters]),
    );
  });

  describe.each(expectedOperations)("$operationId", ({ operationId, summary, parameters }) => {
    it(`shows "${summary}" with its parameters and example names`, async () => {
      const docs = await visit(operationAnchor(operationId));
      const section = operationSection(docs.page, operationId);
      expect((await sectionTitle(section)).text).toBe(summary);

      const shownLines = lines(await section.innerText());
      for (const parameter of parameters) expect(shownLines, `parameter ${parameter}`).toContain(parameter);

      const expected = described.find((op) => op.operationId === operationId)!;
      if (expected.requestExamples) {
        const payload = section.locator(".panel-request-samples");
        await expectExamples(payload, expected.requestExamples, "request body");
      }
      const response = section.locator(".panel-response-samples");
      expect(expected.responseExamples.size).toBeGreaterThan(0);
      for (const [status, examples] of expected.responseExamples) {
        await response.getByRole("button", { name: status, exact: true }).click();
        await expectExamples(response, examples, `response ${status}`);
      }
      expectNothingWentWrong(docs);
    });
  });

  async function expectExamples(
    panel: Locator,
    examples: { names: string[]; loneDescription?: string },
    what: string,
  ): Promise<void> {
    expect(await exampleNames(panel), `example names of the ${what}`).toEqual(examples.names);
    if (examples.loneDescription) {
      expect(await visibleText(panel), `lone example of the ${what}`).toContain(firstSentence(examples.loneDescription));
    }
  }

  it("lists every job status and segment status value", async () => {
    const docs = await visit(operationAnchor("retrieveExportJob"));
    const section = operationSection(docs.page, "retrieveExportJob");
    expect((await sectionTitle(section)).text).toBe("Retrieve an export job");
    // The page is shared: show the job (200), whichever response an earlier test left selected.
    await section.locator(".panel-response-samples").getByRole("button", { name: "200", exact: true }).click();
    await expandAllSchemas(section);

    const enums = await enumLists(section);
    expect(enums).toContainEqual(["NEW", "PROCESSING", "SUCCEEDED", "FAILED"]);
    expect(enums).toContainEqual(["realized", "existing", "exited"]);
    expectNothingWentWrong(docs);
  });

  it("lists every value the status filter accepts", async () => {
    const docs = await visit(operationAnchor("listExportJobs"));
    const section = operationSection(docs.page, "listExportJobs");
    expect((await sectionTitle(section)).text).toBe("List export jobs");

    expect(await enumLists(section)).toContainEqual(["NEW", "SUCCEEDED", "FAILED"]);
    expectNothingWentWrong(docs);
  });

  // The first form is the one links written for Redoc 2 (and Adobe's pages) use; Redoc 3 redirects it.
  it.each(["#tag/Export-jobs/operation/cancelExportJob", `#/${operationAnchor("cancelExportJob")}`])(
    "deep link %s scrolls the cancel operation into view",
    async (hash) => {
      const docs = await open(hash);
      const { heading, text } = await sectionTitle(operationSection(docs.page, "cancelExportJob"));
      expect(text).toBe("Cancel an export job");

      await expect.poll(() => isInViewport(docs.page, heading), REDOC_SETTLES).toBe(true);
      expect(await docs.page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      await expect.poll(() => new URL(docs.page.url()).hash, REDOC_SETTLES).toBe(`#/${operationAnchor("cancelExportJob")}`);
      expectNothingWentWrong(docs);
    },
  );

  it("shows the reconciliation notes where the introduction links to them, one section per decision", async () => {
    const docs = await open("#tag/Reconciliation-notes");
    const notes = docs.page.locator('[id="reconciliation-notes"]');
    const { heading, text } = await sectionTitle(notes);
    expect(text).toBe("Reconciliation notes");
    await expect.poll(() => isInViewport(docs.page, heading), REDOC_SETTLES).toBe(true);

    const shown = await visibleText(notes);
    expect(shown).toContain(firstSentence(reconciliationNotes));
    const rowIds = [...reconciliationNotes.matchAll(/^\|\s*([A-Z]+\d+)\s*\|/gm)].map((match) => match[1]!);
    expect(rowIds.length).toBeGreaterThan(0);
    // The first decision follows the introduction (readers.test.ts reads every one).
    const first = docs.page.locator(`[id="/reconciliation-notes/${rowIds[0]!.toLowerCase()}"]`);
    expect((await first.innerText()).trim()).toMatch(new RegExp(`^${rowIds[0]}: `));
    expect(await docs.page.locator("#redoc table").count(), "the decisions are sections, not a table").toBe(0);
    expectNothingWentWrong(docs);
  });
});
