// The rendered reference for its readers: accessible (axe-core finds nothing serious), at home on
// a 390 px phone, with links that survive a reload or a paste from the docs server and from the
// file, and the decisions readable where they are kept and noted where they apply.
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../../src/mock/static-server.js";
import { buildIfMissing } from "../package/build-once.js";
import { descriptionFile, readDescription } from "./described.js";
import { PHONE, REDOC_SETTLES, docsFile, isInViewport, launchChromium, openDocs, operationAnchor, searchOffered, type DocsPage, type OpenOptions } from "./docs-page.js";
import { overflowingElements, seriousAxeViolations, wordsBrokenInHeadings } from "./reader-checks.js";

let browser: Browser;
let server: StaticServer;
let decisionIds: string[];
const opened: DocsPage[] = [];

beforeAll(async () => {
  buildIfMissing([docsFile, descriptionFile], "npm run bundle && npm run docs");
  const notes = readDescription().tags.find((tag: { name: string }) => tag.name === "Reconciliation notes").description as string;
  decisionIds = [...notes.matchAll(/^\|\s*(D\d+)\s*\|/gm)].map((match) => match[1]!);
  [browser, server] = await Promise.all([launchChromium(), startStaticServer({ root: resolve(docsFile, ".."), port: 0 })]);
}, 180_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((docs) => docs.page.close()));
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

/** Opens the page and waits until Redoc has rendered the section `anchor` names (or the landing). */
async function open(anchor: string, options: OpenOptions = {}): Promise<DocsPage> {
  const docs = await openDocs(browser, anchor ? `#/${anchor}` : "", options);
  opened.push(docs);
  await settled(docs, anchor);
  return docs;
}

async function settled(docs: DocsPage, anchor: string): Promise<void> {
  const heading = docs.page.locator(anchor ? `[id="${anchor}"] h2, [id="/${anchor}"]` : "#redoc h1").first();
  await expect.poll(() => isInViewport(docs.page, heading), REDOC_SETTLES).toBe(true);
  await searchOffered(docs.page);
}

const views = [
  { name: "the landing view", anchor: "" },
  { name: "an operation (create)", anchor: operationAnchor("createExportJob") },
  { name: "the decisions", anchor: "reconciliation-notes" },
];

describe("rendered reference, for its readers", { timeout: 120_000 }, () => {
  describe.each(views)("$name", ({ anchor }) => {
    it("has no serious or critical axe-core violation", async () => {
      const docs = await open(anchor);
      expect(await seriousAxeViolations(docs.page)).toEqual([]);
    });

    it("fits a 390 px phone: nothing but code scrolls sideways, no heading breaks a word", async () => {
      const docs = await open(anchor, { viewport: PHONE });
      expect(await docs.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      expect(await overflowingElements(docs.page)).toEqual([]);
      expect(await wordsBrokenInHeadings(docs.page)).toEqual([]);
      expect(await seriousAxeViolations(docs.page)).toEqual([]);
    });
  });

  it("paints the landing view without Redoc's script, and starts Redoc on the first interaction", async () => {
    const docs = await openDocs(browser, "", { base: server.url, interact: false });
    opened.push(docs);
    const requested: string[] = [];
    docs.page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    expect(await docs.page.locator("#redoc h1").innerText()).toMatch(/export jobs/);
    expect(await docs.page.evaluate(() => [...document.scripts].some((script) => script.src.endsWith("/redoc.js")))).toBe(false);
    expect(await seriousAxeViolations(docs.page), "the landing view as it first paints").toEqual([]);
    await docs.page.keyboard.press("Shift");
    await settled(docs, "");
    expect(requested).toContain("/redoc.js");
    expect(docs.failed).toEqual([]);
  });

  it("reaches the search box, and shows where the focus is, from the keyboard alone", async () => {
    const docs = await open("");
    await docs.page.keyboard.press("Tab");
    const focused = await docs.page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { search: element.matches('[data-testid="search-trigger"]'), outline: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(focused).toEqual({ search: true, outline: 3, style: "solid" });
    await docs.page.keyboard.press("Enter");
    await docs.page.locator('[data-testid="search-dialog"]').waitFor();
    await expect.poll(() => docs.page.evaluate(() => document.activeElement?.tagName), REDOC_SETTLES).toBe("INPUT");
  });

  it("shows only links that survive a reload and a paste: hash links, or other sites", async () => {
    const hrefs = new Set<string>();
    for (const { anchor } of views) {
      const docs = await open(anchor);
      for (const href of await docs.page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href")!))) hrefs.add(href);
    }
    const pathLinks = [...hrefs].filter((href) => !href.startsWith("#") && !/^https?:\/\//.test(href));
    expect(pathLinks).toEqual([]);
    expect([...hrefs]).toContain(`#/${operationAnchor("cancelExportJob")}`);
    expect([...hrefs]).toContain("#/reconciliation-notes/d9");
  });

  describe.each([
    { from: "the file", options: {} as OpenOptions },
    { from: "the docs server", options: { get base() { return server.url; } } as OpenOptions },
  ])("from $from", ({ options }) => {
    it.each([operationAnchor("cancelExportJob"), "reconciliation-notes/d9"])("a link to #/%s lands there, and again after a reload", async (anchor) => {
      const docs = await open(anchor, options);
      await docs.page.reload({ waitUntil: "load" });
      await settled(docs, anchor);
      expect(new URL(docs.page.url()).hash).toBe(`#/${anchor}`);
      expect(docs.blocked).toEqual([]);
      expect(docs.failed).toEqual([]);
    });
  });

  describe.each([
    { width: 1280, viewport: { width: 1280, height: 800 } },
    { width: PHONE.width, viewport: PHONE },
  ])("the decisions at $width px", ({ viewport }) => {
    it("are one readable section each: heading, sources, decision, why, all within the screen", async () => {
      const docs = await open("reconciliation-notes", { viewport });
      expect(decisionIds.length).toBeGreaterThan(0);
      for (const id of decisionIds) {
        // Redoc renders a long section in parts as the reader reaches them: go to each in turn.
        const anchor = `reconciliation-notes/${id.toLowerCase()}`;
        await docs.page.evaluate((hash) => (location.hash = hash), `#/${anchor}`);
        const heading = docs.page.locator(`[id="/${anchor}"]`);
        await expect.poll(() => isInViewport(docs.page, heading), REDOC_SETTLES).toBe(true);
        expect(await heading.innerText(), id).toMatch(new RegExp(`^${id}: \\S`));
        // The entry's section (Redoc wraps the heading and the text after it separately).
        const section = await heading.locator("xpath=../..").innerText();
        const labels = ["What the sources say.", "Decision.", "Why."].map((label) => section.indexOf(label));
        expect(labels.every((at) => at > 0), `${id}: ${labels}`).toBe(true);
        expect([...labels].sort((a, b) => a - b), id).toEqual(labels);
        expect(await overflowingElements(docs.page), id).toEqual([]);
      }
    });
  });

  it("notes a decision on the schema it shapes, linking to the full entry", async () => {
    const docs = await open(operationAnchor("retrieveExportJob"));
    const link = docs.page.locator(`[id="${operationAnchor("retrieveExportJob")}"] a[href="#/reconciliation-notes/d1"]`).first();
    await link.scrollIntoViewIfNeeded();
    await link.click();
    const entry = docs.page.locator('[id="/reconciliation-notes/d1"]');
    await expect.poll(() => isInViewport(docs.page, entry), REDOC_SETTLES).toBe(true);
    expect(await entry.innerText()).toMatch(/^D1: Job status in responses/);
  });
});
