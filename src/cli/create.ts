import { segmentStatusValues } from "../../generated/api-facts.js";
import { createExportJob, validatePayload, type CreateExportJobRequest } from "../index.js";
import { expectPositionals, GLOBAL_OPTIONS, parseCommand, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { clientFor } from "./connect.js";
import { BODY_FLAGS, bodyFromFlags, flagFor, type CreateFlags } from "./create-body.js";
import { EXIT_CODES_HELP, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { commandHelp, PROGRAM } from "./help.js";
import { jobDetails } from "./job-view.js";
import { printable } from "./printable.js";
import { parseJson, readText } from "./read-input.js";
import { waitAndReport, waitSettings, WAIT_OPTIONS } from "./wait.js";

/** Said when a create may have started a job though it failed: a blind retry could start a second export. */
export const JOB_MAY_EXIST = `The job may have been created all the same. Before creating it again, look for it among the newest jobs: ${PROGRAM} list`;

const OPTIONS = {
  ...GLOBAL_OPTIONS,
  dataset: { type: "string", value: "ID", help: "dataset to export into (required without --body)" },
  schema: { type: "string", value: "NAME", help: "its XDM schema, such as _xdm.context.profile (required without --body)" },
  segment: { type: "string", multiple: true, value: "ID[:NAMESPACE]", help: "an audience to export (namespace default ups); repeatable" },
  "segment-status": { type: "string", value: "LIST", help: `membership statuses for every --segment: ${segmentStatusValues.join(",")}` },
  fields: { type: "string", value: "LIST", help: "profile fields to export, comma-separated (default: all)" },
  "segment-per-batch": { type: "boolean", help: "one batch per audience instead of one batch" },
  "merge-policy": { type: "string", value: "ID[:VERSION]", help: "merge policy that assembles the profiles" },
  "from-ingest": { type: "string", value: "RFC3339", help: "only profiles ingested after this time, such as 2024-01-01T00:00:00Z" },
  "empty-profiles": { type: "boolean", help: "also export profiles that have only experience events" },
  "profile-instance-id": { type: "string", value: "ID", help: "profile store instance (x-profile-instance-id header)" },
  body: { type: "string", value: "FILE|-", help: "the whole request body as JSON, instead of the options above" },
  json: { type: "boolean", help: "print the job as the API sent it (with --wait: only the finished job)" },
  wait: { type: "boolean", help: "then wait for the job, as the wait command does" },
  ...WAIT_OPTIONS,
} as const;

const usage = `${PROGRAM} create --dataset ID --schema NAME [--segment ID[:NAMESPACE]]... [options]
       ${PROGRAM} create --body FILE|- [options]`;

export const createCommand: Command = {
  name: "create",
  summary: "start an export job (and optionally wait for it)",
  usage,
  help: commandHelp({
    usage,
    description: `Starts an export job. The request body is built from the options, or read from a JSON file
(--body FILE, or --body - for stdin). It is checked against the API description before anything
is sent: a mistake is reported with the field and the values it allows (exit status 2).`,
    options: OPTIONS,
    exitStatus: `Exit status with --wait is that of the wait command.\n${EXIT_CODES_HELP}`,
  }),
  async run(context) {
    const { values, positionals } = parseCommand(context.args, OPTIONS);
    expectPositionals(positionals, []);
    if (!values.wait && (values.timeout !== undefined || values.interval !== undefined)) {
      throw new UsageError("--timeout and --interval apply with --wait");
    }
    const settings = waitSettings(values);
    const body = await requestBody(values, context.stdin);

    const { stdout, stderr } = context.io;
    const verdict = await validatePayload("create-request", body);
    if (!verdict.valid) {
      await stderr.line(`${stderr.paint.red("error:")} the request body does not match the API description; nothing was sent:`);
      for (const issue of verdict.issues) {
        const flag = values.body === undefined ? flagFor(issue.pointer) : undefined;
        await stderr.line(`  ${issue.pointer} ${issue.message}${flag ? ` (from ${flag})` : ""}`);
      }
      return EXIT_USAGE;
    }

    const client = clientFor(context, values);
    const profileInstanceId = values["profile-instance-id"];
    // Checked against the description just above, which is what the type stands for.
    let job;
    try {
      job = await createExportJob(client, body as CreateExportJobRequest, {
        signal: context.signal,
        ...(profileInstanceId === undefined ? {} : { profileInstanceId }),
      });
    } catch (error) {
      // Interrupted while the request was out: it may have been sent. (A failure that may have
      // started the job is reported, with this hint and its own exit status, with every error.)
      if (context.signal.aborted) await stderr.line(JOB_MAY_EXIST);
      throw error;
    }
    if (values.wait) {
      // One JSON document on stdout: the finished job. The new id is a message meanwhile.
      if (values.json) await stderr.line(printable(`Created export job ${job.id} (${job.status})`));
      else for (const line of jobDetails(job, stdout.paint)) await stdout.line(line);
      return waitAndReport(context, client, job.id, { ...settings, json: values.json === true });
    }
    if (values.json) await stdout.line(JSON.stringify(job, null, 2));
    else for (const line of jobDetails(job, stdout.paint)) await stdout.line(line);
    return EXIT_OK;
  },
};

async function requestBody(values: CreateFlags & { body?: string | undefined }, stdin: NodeJS.ReadableStream): Promise<unknown> {
  if (values.body === undefined) return bodyFromFlags(values);
  const clashing = BODY_FLAGS.filter((flag) => values[flag] !== undefined);
  if (clashing.length > 0) throw new UsageError(`--body replaces ${clashing.map((f) => `--${f}`).join(", ")}: use one or the other`);
  const source = values.body === "-" ? "stdin" : values.body;
  return parseJson(await readText(values.body, stdin), source);
}
