import { retrieveExportJob } from "../index.js";
import { jobIdArgument, GLOBAL_OPTIONS, parseCommand } from "./args.js";
import type { Command } from "./command.js";
import { clientFor } from "./connect.js";
import { EXIT_CODES_HELP, EXIT_OK } from "./exit-codes.js";
import { commandHelp, PROGRAM } from "./help.js";
import { jobDetails } from "./job-view.js";

const OPTIONS = { ...GLOBAL_OPTIONS, json: { type: "boolean", help: "the job exactly as the API sent it" } } as const;

const usage = `${PROGRAM} get ID [--json]`;

export const getCommand: Command = {
  name: "get",
  summary: "show one export job, with every batch id",
  usage,
  help: commandHelp({
    usage,
    description: `Shows export job ID: status, times, schema, dataset, audiences, every batch id, metrics and
errors. Older and newer API revisions are shown alike (one batch or an array of batches).`,
    options: OPTIONS,
    exitStatus: EXIT_CODES_HELP,
  }),
  async run(context) {
    const { values, positionals } = parseCommand(context.args, OPTIONS);
    const id = jobIdArgument(positionals);
    const client = clientFor(context, values);
    const job = await retrieveExportJob(client, id, { signal: context.signal });
    const { stdout } = context.io;
    if (values.json) await stdout.line(JSON.stringify(job, null, 2));
    else for (const line of jobDetails(job, stdout.paint)) await stdout.line(line);
    return EXIT_OK;
  },
};
