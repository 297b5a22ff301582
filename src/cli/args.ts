import { parseArgs, type ParseArgsConfig } from "node:util";
import { PRODUCTION_BASE_URL } from "../client.js";

/** A command line that cannot be run as given. Reported with the command's usage; exit status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/**
 * An option as `parseArgs` reads it, with what `--help` says of it: the placeholder of its value
 * and what it does (further lines after "\n"). One definition serves the parser and the help.
 */
export interface CliOption {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  value?: string;
  help: string;
}
export type CliOptions = Record<string, CliOption>;

/** Accepted by every command. */
export const COMMON_OPTIONS = {
  help: { type: "boolean", short: "h", help: "show help" },
  version: { type: "boolean", help: "print the version" },
} as const satisfies CliOptions;

/** Accepted by every command that calls the API, before or after the command name. */
export const NETWORK_OPTIONS = {
  "base-url": { type: "string", value: "URL", help: `API base URL (default: $AEP_BASE_URL, else ${PRODUCTION_BASE_URL})` },
  "request-timeout": {
    type: "string",
    value: "D",
    help: "how long one HTTP attempt may take (default: $AEP_REQUEST_TIMEOUT, else 60s);\na GET or DELETE that runs out is retried, a create is not",
  },
  verbose: { type: "boolean", help: "log each HTTP attempt to stderr: method, URL, status, duration, request id\n(never headers or credentials)" },
} as const satisfies CliOptions;

export const GLOBAL_OPTIONS = { ...NETWORK_OPTIONS, ...COMMON_OPTIONS } as const satisfies CliOptions;

const TAKES_VALUE = new Set(Object.entries(GLOBAL_OPTIONS).filter(([, o]) => o.type === "string").map(([name]) => `--${name}`));

/** Finds the command name: the first argument that is neither an option nor a global option's value. */
export function splitCommand(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") break;
    if (token.startsWith("-")) {
      if (TAKES_VALUE.has(token)) i++;
      continue;
    }
    return { command: token, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { command: undefined, rest: [...argv] };
}

type StrictConfig<O extends OptionsConfig> = { args: string[]; options: O; allowPositionals: true; strict: true };

/** `parseArgs` in strict mode, with its errors turned into one-line usage errors. */
export function parseCommand<const O extends OptionsConfig>(args: readonly string[], options: O): ReturnType<typeof parseArgs<StrictConfig<O>>> {
  try {
    return parseArgs({ args: withNegativeValuesJoined(args, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(options)));
  }
}

const NEGATIVE_NUMBER = /^-\d/;

/**
 * parseArgs refuses `--limit -5` as ambiguous (the value looks like an option). Written as
 * `--limit=-5` it reaches the option's own check, which says what the value must be.
 */
function withNegativeValuesJoined(args: readonly string[], options: OptionsConfig): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    const next = args[i + 1];
    const takesValue = token.startsWith("--") && options[token.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`${token}=${next}`);
      i++;
    } else {
      joined.push(token);
    }
  }
  return joined;
}

/** The known option closest to a mistyped one (`--stauts`), when it is close enough to be meant. */
function closestOption(given: string, known: readonly string[]): string | undefined {
  const name = given.replace(/^-+/, "").split("=")[0]!;
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = editDistance(name, option);
    if (distance <= Math.max(1, Math.floor(option.length / 4)) && (!best || distance < best.distance)) best = { option, distance };
  }
  return best && `--${best.option}`;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

function describeParseError(error: unknown, known: readonly string[]): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message ?? error);
  const option = /'(-[^' ]+)/.exec(text)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      if (option && NEGATIVE_NUMBER.test(option)) return `${option} is a negative number, not an option: IDs and counts are positive integers`;
      if (!option) return `unknown option ${text}`;
      const meant = closestOption(option, known);
      return `unknown option ${option}${meant ? ` (did you mean ${meant}?)` : ""}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(text) ? `option ${option} needs a value` : `option ${option} does not take a value`;
    default:
      return text.split(". ")[0]!;
  }
}

export function expectPositionals(positionals: readonly string[], names: readonly string[]): string[] {
  if (positionals.length < names.length) throw new UsageError(`missing ${names.slice(positionals.length).join(" ")}`);
  if (positionals.length > names.length) throw new UsageError(`unexpected argument "${positionals[names.length]}"`);
  return [...positionals];
}

/** The one positional argument of `get`, `wait` and `cancel`: an export job ID. */
export function jobIdArgument(positionals: readonly string[]): number {
  const [id] = expectPositionals(positionals, ["ID"]);
  return parseJobId(id!);
}

function parseJobId(text: string): number {
  const id = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`an export job ID is a positive integer, got "${text}"`);
  return id;
}

export function parsePositiveInteger(text: string, option: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${option} must be a positive integer, got "${text}"`);
  return value;
}

export function rejectTogether(values: Record<string, unknown>, names: readonly string[]): void {
  const given = names.filter((name) => values[name] !== undefined && values[name] !== false);
  if (given.length > 1) throw new UsageError(`${given.map((n) => `--${n}`).join(" and ")} cannot be used together`);
}
