/**
 * Where the tool writes: data on stdout, messages on stderr. Knows whether each stream is a
 * terminal (or is declared one with AEP_FORCE_TTY=1, a testing aid) and whether to use colour
 * (only on a terminal, and never when NO_COLOR is set). Every write is scrubbed of the
 * credentials the tool knows, as a last line of defence.
 */

import { createRedactor } from "../redact.js";

export interface WritableLike {
  write(chunk: string): boolean;
  once(event: "drain", listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

export interface Writer {
  readonly isTTY: boolean;
  readonly color: boolean;
  readonly paint: Painter;
  /** Resolves when the stream can take more, so that long listings keep memory flat. */
  write(text: string): Promise<void>;
  line(text?: string): Promise<void>;
}

export interface Io {
  stdout: Writer;
  stderr: Writer;
  /** Adds a value that must never be printed, such as a token obtained at run time. */
  addSecret(value: string): void;
}

const ANSI = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const COLOURS: Painter = {
  bold: ANSI(1, 22),
  dim: ANSI(2, 22),
  red: ANSI(31, 39),
  green: ANSI(32, 39),
  yellow: ANSI(33, 39),
  cyan: ANSI(36, 39),
};
const plain = (text: string) => text;
const NO_COLOURS: Painter = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };

export function createIo(streams: { stdout: WritableLike; stderr: WritableLike }, env: NodeJS.ProcessEnv, secrets: Iterable<string | undefined> = []): Io {
  const redactor = createRedactor(secrets);
  const addSecret = (value: string | undefined) => {
    if (value) redactor.add(value);
  };
  const redact = redactor.text;
  const forced = env.AEP_FORCE_TTY === "1";
  const colourAllowed = !env.NO_COLOR;
  const writer = (stream: WritableLike): Writer => {
    const isTTY = forced || stream.isTTY === true;
    const color = isTTY && colourAllowed;
    const write = (text: string) =>
      new Promise<void>((resolve) => {
        if (stream.write(redact(text))) resolve();
        else stream.once("drain", resolve);
      });
    return { isTTY, color, paint: color ? COLOURS : NO_COLOURS, write, line: (text = "") => write(`${text}\n`) };
  };
  return { stdout: writer(streams.stdout), stderr: writer(streams.stderr), addSecret };
}
