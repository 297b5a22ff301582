// What a reader's browser can tell about the rendered page: axe-core's findings, content wider
// than the screen, and words a heading breaks in two.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  rule: string;
  impact: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (all its default rules). */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: any[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        rule: violation.id as string,
        impact: violation.impact as string,
        nodes: violation.nodes.slice(0, 5).map((node: { target: string[] }) => node.target.join(" ")),
      }));
  });
}

/**
 * Visible elements that reach past the right edge of the screen, outside code (which may scroll
 * sideways in its own box): each as its tag, its text and how far it reaches.
 */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = new Set<Element>();
    for (const element of document.querySelectorAll<HTMLElement>("#redoc *")) {
      if (element.closest("pre, code")) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.right > width + 1) wide.add(element);
    }
    // The outermost of each: its children are reported through it.
    return [...wide]
      .filter((element) => !wide.has(element.parentElement!))
      .map((element) => {
        const text = (element as HTMLElement).innerText.trim().slice(0, 40);
        return `<${element.tagName.toLowerCase()} class="${element.className}"> "${text}" reaches ${Math.round(element.getBoundingClientRect().right)} px`;
      });
  });
}

/** Words of the page's visible headings that are split across two lines. */
export async function wordsBrokenInHeadings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const heading of document.querySelectorAll<HTMLElement>("#redoc h1, #redoc h2, #redoc h3")) {
      if (heading.getBoundingClientRect().height === 0) continue;
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(`"${match[0]}" in "${heading.innerText.trim()}"`);
        }
      }
    }
    return broken;
  });
}
