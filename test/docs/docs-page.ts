// Opens the rendered reference in Chromium with the network cut off, and records everything
// that would make the page misbehave offline: blocked requests, failed requests, console errors.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

export const docsFile = "dist/docs/index.html";

/** Debian's Chromium; CI runners without it point CHROMIUM_PATH at another Chromium or Chrome. */
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No browser at ${chromiumPath}: install Debian's chromium or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface DocsPage {
  page: Page;
  /** Requests for anything but the file itself and inline data, which were refused. */
  blocked: string[];
  failed: string[];
  consoleErrors: string[];
}

const localSchemes = new Set(["file:", "data:", "blob:", "about:"]);

export interface OpenOptions {
  /** Where the page is served from (the docs server's URL); the file when left out. */
  base?: string;
  viewport?: { width: number; height: number };
  /**
   * Without a link to a section, Redoc starts on the reader's first interaction; by default the
   * page is given one (a key press), `false` leaves it as it first paints.
   */
  interact?: boolean;
}

export const DESKTOP = { width: 1400, height: 900 };
// How long Redoc may take to render, scroll to and index the page. A bound, not a measure (the
// bench measures it): with every other test file running beside it on two cores, Redoc has taken
// over 15 s.
export const REDOC_SETTLES = { timeout: 45_000 };

export const PHONE = { width: 390, height: 844 };

/** The page as its reader opens it: from the file, or from `base`, the only origin allowed. */
export async function openDocs(browser: Browser, hash = "", options: OpenOptions = {}): Promise<DocsPage> {
  const page = await browser.newPage({ viewport: options.viewport ?? DESKTOP });
  // Shorter than the test timeout, so a missing element fails with Playwright's own message.
  page.setDefaultTimeout(20_000);
  const docs: DocsPage = { page, blocked: [], failed: [], consoleErrors: [] };
  const allowedOrigin = options.base ? new URL(options.base).origin : undefined;
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (localSchemes.has(url.protocol) || url.origin === allowedOrigin) return route.continue();
    docs.blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  page.on("requestfailed", (request) => docs.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("console", (message) => {
    if (message.type() === "error") docs.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => docs.consoleErrors.push(error.message));
  await page.goto((options.base ?? pathToFileURL(docsFile).href) + hash, { waitUntil: "load" });
  await page.locator("#api-content").waitFor();
  if (options.interact !== false) await page.keyboard.press("Shift");
  return docs;
}

/** An operation's section, by operation id (Redoc 3 renders one section per operation). */
export function operationSection(page: Page, operationId: string): Locator {
  return page.locator(`[id="${operationAnchor(operationId)}"]`);
}

/** Redoc 3's anchor for an operation: `#/export-jobs/cancelexportjob`. */
export function operationAnchor(operationId: string): string {
  return `export-jobs/${operationId.toLowerCase()}`;
}

/**
 * Moves the loaded page to a section by its hash, as a reader following a link would, and waits
 * until the page has settled there. Redoc scrolls in steps and briefly leaves headings unrendered
 * on the way, so "the heading exists" is not enough: wait until it shows its text in the viewport
 * and the page has stopped scrolling for a few frames.
 */
export async function goToSection(page: Page, anchor: string): Promise<void> {
  await page.evaluate((target) => {
    delete (window as { settling?: unknown }).settling;
    location.hash = `#/${target}`;
  }, anchor);
  await page.waitForFunction(
    (id) => {
      const state = window as { settling?: { scrollY: number; stillFrames: number } };
      const heading = document.getElementById(id)?.querySelector("h2");
      const top = heading?.getBoundingClientRect().top ?? -1;
      const shown = Boolean(heading?.innerText.trim()) && top >= 0 && top < innerHeight;
      const still = shown && state.settling?.scrollY === scrollY;
      state.settling = { scrollY, stillFrames: still ? state.settling!.stillFrames + 1 : 0 };
      return state.settling.stillFrames >= 5;
    },
    anchor,
    { polling: "raf" },
  );
}

/**
 * Waits until Redoc has finished starting: the last thing it does is index the page and offer its
 * search ("Search" where it said "Loading..."). Redoc starts that index when the browser is next
 * idle, which a machine busy with other tests may not be for longer than any bound, or as soon as a
 * pointer reaches the search: this points at it, as a reader would.
 */
export async function searchOffered(page: Page): Promise<void> {
  const search = page.locator('[data-testid="search-trigger"]');
  await expect.poll(async () => {
    await search.dispatchEvent("pointerover");
    return search.innerText();
  }, REDOC_SETTLES).toMatch(/^Search/);
}

/** Whether the locator's box starts inside the viewport, with some height. */
export async function isInViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y < viewport.height && box.height > 0;
}

/** A section's title (Redoc puts a "link to …" anchor inside it, so match on its text). */
export async function sectionTitle(section: Locator): Promise<{ heading: Locator; text: string }> {
  const heading = section.getByRole("heading", { level: 2 }).first();
  await heading.waitFor();
  // While Redoc scrolls to a section it briefly renders headings without their text.
  for (let attempt = 0; ; attempt++) {
    const text = (await heading.innerText()).trim();
    if (text || attempt === 100) return { heading, text };
    await new Promise((retry) => setTimeout(retry, 50));
  }
}

/** Opens every collapsed nested schema ("+ Show 3 properties") inside the section. */
export async function expandAllSchemas(section: Locator): Promise<void> {
  await section.evaluate(async (root) => {
    for (let clicks = 0; clicks < 500; clicks++) {
      const collapsed = [...root.querySelectorAll<HTMLElement>("button")].find((button) =>
        /^\+\s*Show\b/.test(button.innerText.trim()),
      );
      if (!collapsed) return;
      // Redoc renders nested properties lazily, only once their toggle is on screen.
      collapsed.scrollIntoView({ block: "center" });
      collapsed.click();
      await new Promise((rendered) => requestAnimationFrame(() => setTimeout(rendered, 0)));
    }
    throw new Error("Schemas kept growing after 500 expansions");
  });
}

/** The values listed under every "Enum:" of the section, one array per enum. */
export async function enumLists(section: Locator): Promise<string[][]> {
  const texts = await section.locator('[data-testid="schema-enum-values"]').allInnerTexts();
  return texts.map((text) => [...text.matchAll(/"([^"]*)"/g)].map((match) => match[1]!));
}

/** The example names offered in a samples panel ("Payload" or "Response") for what is shown now. */
export async function exampleNames(panel: Locator): Promise<string[]> {
  const picker = panel.getByRole("button", { name: "Example" });
  if ((await picker.count()) === 0) return [];
  await picker.click();
  const page = panel.page();
  const names = await page.getByRole("menuitem").allInnerTexts();
  await page.keyboard.press("Escape");
  return names.map((name) => name.trim());
}

/** Whitespace-collapsed visible text, so assertions do not depend on line wrapping. */
export async function visibleText(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, " ");
}
