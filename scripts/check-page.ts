// Checks published pages of the export jobs endpoint against the description and the decision log.
// Usage: npm run check:page -- [--json] FILE...   (npm run -s … to keep stdout to the JSON alone)
// Exit status: 0 when every payload is valid after the known repairs and every finding is already
// decided in openapi/README.md; 1 when something is new or a payload is invalid; 2 when a file
// cannot be read, the description is not bundled, or the arguments are wrong.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { bundleIsStale } from "./lib/bundle-freshness.js";
import { BUNDLED_DESCRIPTION } from "./lib/operation-table.js";
import { checkContext, checkPage, exitStatusOf, type PageReport } from "./lib/page-check.js";
import { humanReport, humanSummary, jsonReport } from "./lib/page-report.js";

const USAGE = "Usage: npm run check:page -- [--json] FILE...";

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((a) => a !== "--json");
const unknown = files.find((f) => f.startsWith("-"));
if (unknown) usage(`Unknown option ${unknown}`);
if (files.length === 0) usage("No page given.");
if (!existsSync(BUNDLED_DESCRIPTION)) usage("dist/openapi.json is missing: run `npm run bundle` first.");

if (bundleIsStale()) console.error("warning: openapi/ changed since dist/openapi.json was bundled: run `npm run bundle`.");

const context = checkContext();
const reports: PageReport[] = [];
let unreadable = false;
for (const file of files) {
  let markdown: string;
  try {
    markdown = await readFile(file, "utf8");
  } catch (error) {
    console.error(`error: cannot read ${file}: ${(error as Error).message}`);
    unreadable = true;
    continue;
  }
  const report = await checkPage(markdown, file, context);
  reports.push(report);
  if (!json) console.log(`${humanReport(report)}\n`);
}

if (json) process.stdout.write(jsonReport(reports));
else console.log(humanSummary(reports));
process.exitCode = unreadable ? 2 : exitStatusOf(reports);
