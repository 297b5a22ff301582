import { exportJobStatusFilterValues, exportJobStatusValues } from "../../generated/api-facts.js";
import { iterateExportJobs, listExportJobs, type ExportJob, type ExportJobStatusFilter, type ListExportJobsQuery } from "../index.js";
import { expectPositionals, GLOBAL_OPTIONS, parseCommand, parsePositiveInteger, rejectTogether, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { clientFor } from "./connect.js";
import { EXIT_CODES_HELP, EXIT_OK } from "./exit-codes.js";
import { commandHelp, PROGRAM } from "./help.js";
import { listColumns } from "./job-view.js";
import { renderTable, streamingTable } from "./table.js";

const UNFILTERABLE: readonly string[] = exportJobStatusValues.filter((status) => !(exportJobStatusFilterValues as readonly string[]).includes(status));
// Said wherever the filter's values are listed, so that nobody looks for a missing one in vain.
const CANNOT_FILTER = UNFILTERABLE.length > 0 ? ` (the API cannot filter on ${UNFILTERABLE.join(" or ")})` : "";
const DEFAULT_LIMIT = 50;

const OPTIONS = {
  ...GLOBAL_OPTIONS,
  status: { type: "string", value: "S", help: `only jobs with this status: ${exportJobStatusFilterValues.join(", ")}${CANNOT_FILTER};\nin any case (failed is FAILED)` },
  limit: { type: "string", value: "N", help: `jobs per page (default ${DEFAULT_LIMIT})` },
  all: { type: "boolean", help: "follow the pages to the last one, printing jobs as they arrive; if a page\nfails, what was printed stays valid and stderr says the list is incomplete" },
  json: { type: "boolean", help: "the page as the API sent it; with --all, a JSON array of every job" },
  ndjson: { type: "boolean", help: "one job per line (newline-delimited JSON)" },
} as const;

const usage = `${PROGRAM} list [--status ${exportJobStatusFilterValues.join("|")}] [--limit N] [--all] [--json | --ndjson]`;

export const listCommand: Command = {
  name: "list",
  summary: "list export jobs, newest first",
  usage,
  help: commandHelp({
    usage,
    description: `Lists export jobs, newest first: one page (${DEFAULT_LIMIT} jobs unless --limit says otherwise), or every
page with --all. The default output is a table (ID, STATUS, CREATED in UTC, DATASET, SEGMENTS,
DURATION), also when stdout is not a terminal (then without colour): pass --json or --ndjson
in scripts.`,
    options: OPTIONS,
    exitStatus: EXIT_CODES_HELP,
  }),
  async run(context) {
    const { values, positionals } = parseCommand(context.args, OPTIONS);
    expectPositionals(positionals, []);
    rejectTogether(values, ["json", "ndjson"]);
    const query: ListExportJobsQuery = { limit: values.limit === undefined ? DEFAULT_LIMIT : parsePositiveInteger(values.limit, "--limit") };
    if (values.status !== undefined) query.status = statusFilter(values.status);
    const format = values.json ? "json" : values.ndjson ? "ndjson" : "table";
    const client = clientFor(context, values);
    const { stdout, stderr } = context.io;
    const options = { signal: context.signal };

    if (!values.all) {
      const page = await listExportJobs(client, query, options);
      if (format === "json") await stdout.line(JSON.stringify(page, null, 2));
      else if (format === "ndjson") for (const job of page.records) await stdout.line(JSON.stringify(job));
      else if (page.records.length === 0) await stderr.line("No export jobs.");
      else for (const line of renderTable(listColumns(stdout.paint), page.records, stdout.paint.bold)) await stdout.line(line);
      if (format === "table" && page.link?.next) await stderr.line(stderr.paint.dim("More jobs on the next pages: add --all to list them."));
      return EXIT_OK;
    }

    let listed = 0;
    const jobs = counted(iterateExportJobs(client, query, options), () => listed++);
    try {
      if (format === "ndjson") {
        for await (const job of jobs) await stdout.line(JSON.stringify(job));
      } else if (format === "json") {
        await streamJsonArray(jobs, (text) => stdout.write(text));
      } else {
        const table = streamingTable(listColumns(stdout.paint), (line) => stdout.line(line), { sampleSize: query.limit!, headerPaint: stdout.paint.bold });
        let rows = 0;
        try {
          for await (const job of jobs) await table.push(job);
        } finally {
          // Rows held back to size the columns are printed even when a later page fails.
          rows = await table.end();
        }
        if (rows === 0) await stderr.line("No export jobs.");
      }
    } catch (error) {
      // What was printed is true but not the whole list: say so next to the error itself.
      await stderr.line(`The list is incomplete: ${listed} ${listed === 1 ? "job was" : "jobs were"} printed before this error.`);
      throw error;
    }
    return EXIT_OK;
  },
};

function statusFilter(text: string): ExportJobStatusFilter {
  const status = text.toUpperCase();
  if (exportJobStatusFilterValues.includes(status as ExportJobStatusFilter)) return status as ExportJobStatusFilter;
  const hint = UNFILTERABLE.includes(status) ? CANNOT_FILTER : "";
  throw new UsageError(`--status must be one of ${exportJobStatusFilterValues.join(", ")}, got "${text}"${hint}`);
}

async function* counted<T>(items: AsyncIterable<T>, onItem: () => void): AsyncIterable<T> {
  for await (const item of items) {
    yield item;
    onItem();
  }
}

/**
 * `[`, the jobs one per line as they arrive, `]`: valid JSON without holding the list in memory.
 * The array is closed even when a page fails, so that what was printed still parses; the exit
 * status and the message on stderr say that it is incomplete.
 */
async function streamJsonArray(jobs: AsyncIterable<ExportJob>, write: (text: string) => Promise<void>): Promise<void> {
  let first = true;
  await write("[");
  try {
    for await (const job of jobs) {
      await write(`${first ? "\n" : ",\n"}${JSON.stringify(job)}`);
      first = false;
    }
  } finally {
    await write(first ? "]\n" : "\n]\n");
  }
}
