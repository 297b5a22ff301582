import { cancelExportJob } from "../index.js";
import { jobIdArgument, GLOBAL_OPTIONS, parseCommand } from "./args.js";
import type { Command } from "./command.js";
import { clientFor } from "./connect.js";
import { EXIT_API_ERROR, EXIT_CODES_HELP, EXIT_OK } from "./exit-codes.js";
import { commandHelp, PROGRAM } from "./help.js";
import { printable } from "./printable.js";

const OPTIONS = { ...GLOBAL_OPTIONS, json: { type: "boolean", help: "the outcome as JSON: {jobId, httpStatus, accepted, message?}" } } as const;

const usage = `${PROGRAM} cancel ID [--json]`;

export const cancelCommand: Command = {
  name: "cancel",
  summary: "ask the API to cancel an export job",
  usage,
  help: commandHelp({
    usage,
    description: `Asks the API to cancel export job ID and prints one line with its answer, whether it answers
200 with an acknowledgement or 204 without a body. The job is marked for cancelling: it may
still finish before the cancellation takes effect (check with: ${PROGRAM} get ID).`,
    options: OPTIONS,
    exitStatus: EXIT_CODES_HELP,
  }),
  async run(context) {
    const { values, positionals } = parseCommand(context.args, OPTIONS);
    const id = jobIdArgument(positionals);
    const client = clientFor(context, values);
    const outcome = await cancelExportJob(client, id, { signal: context.signal });
    const { stdout } = context.io;
    if (values.json) {
      await stdout.line(JSON.stringify(outcome));
    } else {
      const verdict = outcome.accepted ? "marked for cancelling" : "not marked for cancelling";
      const detail = outcome.message ? `: ${printable(outcome.message)}` : "";
      await stdout.line(`Export job ${id} ${verdict} (HTTP ${outcome.httpStatus}${outcome.httpStatus === 204 ? ", no body" : ""})${detail}`);
    }
    // `{"status": false}` means the API declined; a script should not take that for success.
    return outcome.accepted ? EXIT_OK : EXIT_API_ERROR;
  },
};
