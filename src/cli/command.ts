import type { Io } from "./output.js";

export interface CommandContext {
  /** The arguments after the command name was taken out. */
  args: string[];
  env: NodeJS.ProcessEnv;
  io: Io;
  stdin: NodeJS.ReadableStream;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  programName: string;
}

export interface Command {
  name: string;
  /** One line for the tool's own help. */
  summary: string;
  /** The synopsis, shown with usage errors. */
  usage: string;
  /** The full text of `--help`. */
  help: string;
  /** Resolves with the exit status. */
  run(context: CommandContext): Promise<number>;
}
