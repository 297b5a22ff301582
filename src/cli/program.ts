// The tool itself: runs one command line against the streams, environment and signal it is given.
import { readFileSync } from "node:fs";
import { ExportJobsApiError, ExportJobsConfigError, ExportJobsNetworkError } from "../index.js";
import { ImsTokenError } from "../ims.js";
import { GLOBAL_OPTIONS, parseCommand, splitCommand, UsageError } from "./args.js";
import { cancelCommand } from "./cancel.js";
import type { Command, CommandContext } from "./command.js";
import { createCommand, JOB_MAY_EXIST } from "./create.js";
import { MissingCredentialsError } from "./env.js";
import { EXIT_API_ERROR, EXIT_CODES_HELP, EXIT_CREATE_UNCERTAIN, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { getCommand } from "./get.js";
import { ENV_HELP, GLOBAL_HELP, PROGRAM } from "./help.js";
import { listCommand } from "./list.js";
import type { Io } from "./output.js";
import { printable } from "./printable.js";
import { validateCommand } from "./validate.js";
import { waitCommand } from "./wait.js";

const COMMANDS: readonly Command[] = [listCommand, getCommand, createCommand, waitCommand, cancelCommand, validateCommand];

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: ${PROGRAM} <command> [options]

Start, list, inspect, wait for and cancel Adobe Experience Platform segment export jobs.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run '${PROGRAM} <command> --help' for a command's options.

${GLOBAL_HELP}

${ENV_HELP}

${EXIT_CODES_HELP}`;
}

function version(): string {
  // The same relative path from src/cli/ and from dist/cli/.
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

async function usageError(io: Io, message: string, usage: string, helpHint: string): Promise<number> {
  // Usage errors quote what was typed, which can carry escapes and control characters too.
  await io.stderr.line(`${io.stderr.paint.red("error:")} ${printable(message)}`);
  await io.stderr.line(`Usage: ${usage}`);
  await io.stderr.line(`Run '${helpHint}' for more.`);
  return EXIT_USAGE;
}

export async function main(argv: readonly string[], context: Omit<CommandContext, "args">): Promise<number> {
  const { io } = context;
  const { command: name, rest } = splitCommand(argv);
  const toolUsage = `${PROGRAM} <command> [options]   (commands: ${COMMANDS.map((c) => c.name).join(", ")})`;

  if (name === undefined || name === "help") {
    let values;
    try {
      ({ values } = parseCommand(rest, GLOBAL_OPTIONS));
    } catch (error) {
      return usageError(io, (error as Error).message, toolUsage, `${PROGRAM} --help`);
    }
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest.find((a) => !a.startsWith("-"))) : undefined;
    if (values.version && name === undefined) {
      await io.stdout.line(version());
      return EXIT_OK;
    }
    if (values.help || name === "help") {
      await io.stdout.line(topic?.help ?? toolHelp());
      return EXIT_OK;
    }
    return usageError(io, "no command given", toolUsage, `${PROGRAM} --help`);
  }

  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return usageError(io, `unknown command "${name}"`, toolUsage, `${PROGRAM} --help`);

  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      await io.stdout.line(command.help);
      return EXIT_OK;
    }
    if (rest.includes("--version")) {
      await io.stdout.line(version());
      return EXIT_OK;
    }
    return await command.run({ ...context, args: rest });
  } catch (error) {
    return reportError(io, command, error, context.signal);
  }
}

async function reportError(io: Io, command: Command, error: unknown, signal: AbortSignal): Promise<number> {
  // Error messages quote what the server answered (or the IMS, or a socket error): made printable.
  const line = (text: string) => io.stderr.line(`${io.stderr.paint.red("error:")} ${printable(text)}`);
  if (error instanceof UsageError) return usageError(io, error.message, command.usage, `${PROGRAM} ${command.name} --help`);
  if (error instanceof MissingCredentialsError || error instanceof ExportJobsConfigError) {
    await line(error.message);
    return EXIT_USAGE;
  }
  if (signal.aborted) {
    await io.stderr.line("Interrupted.");
    return EXIT_INTERRUPTED;
  }
  if (error instanceof ImsTokenError) {
    await line(`${error.message} (check AEP_CLIENT_ID, AEP_CLIENT_SECRET and AEP_SCOPES)`);
    return EXIT_API_ERROR;
  }
  await line(error instanceof Error ? error.message : String(error));
  // Only a create can leave this doubt; a scheduler gets an exit status of its own to act on.
  if ((error instanceof ExportJobsApiError || error instanceof ExportJobsNetworkError) && error.mayHaveTakenEffect) {
    await io.stderr.line(JOB_MAY_EXIST);
    return EXIT_CREATE_UNCERTAIN;
  }
  return EXIT_API_ERROR;
}
