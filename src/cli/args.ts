import { parseArgs, type ParseArgsConfig } from "node:util";

/** A command line that cannot be run as given. Reported with the command's usage; exit status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Accepted by every command, before or after the command name. */
export const GLOBAL_OPTIONS = {
  "base-url": { type: "string" },
  "request-timeout": { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies OptionsConfig;

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
    throw new UsageError(describeParseError(error));
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

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message ?? error);
  const option = /'(-[^' ]+)/.exec(text)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      if (option && NEGATIVE_NUMBER.test(option)) return `${option} is a negative number, not an option: IDs and counts are positive integers`;
      return `unknown option ${option ?? text}`;
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
