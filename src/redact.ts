/**
 * Shorter values cannot be told apart from ordinary text: redacting a one-letter test token would
 * rewrite every such letter of every message. Real credentials (IMS tokens, API keys, client
 * secrets) are far longer, so they are always covered.
 */
export const MIN_SECRET_LENGTH = 8;

const REPLACEMENT = "[redacted]";

/** Keeps known secrets out of text and values that are about to be shown or thrown. */
export interface Redactor {
  /** Remembers one more secret (ignored when shorter than `MIN_SECRET_LENGTH`). */
  add(secret: string): void;
  /** Replaces every secret in the text, written plainly or escaped. */
  text(text: string): string;
  /** A copy of a parsed value with every secret replaced in its strings and keys. */
  value<T>(value: T): T;
}

/** Hexadecimal digits of `code`, matching either case. */
const hex = (code: number, width = 2) =>
  code.toString(16).padStart(width, "0").replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);

// Named entities a secret's punctuation could be written with in HTML.
const ENTITIES: Record<string, string> = { "&": "amp", '"': "quot", "'": "apos", "<": "lt", ">": "gt" };

/**
 * One character of a secret in any way a server could write it back: as is, backslash-escaped,
 * as a JSON or JavaScript escape, percent-encoded, or as an HTML character reference.
 */
function characterPattern(character: string): string {
  const code = character.codePointAt(0)!;
  const literal = character.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
  const forms = [literal, `\\\\${literal}`, `\\\\u\\{0*${hex(code)}\\}`, `&#0*${code};`, `&#x0*${hex(code)};`];
  // Four hexadecimal digits spell one UTF-16 unit: a character outside the BMP takes two.
  if (character.length === 1) forms.push(`\\\\u${hex(code, 4)}`);
  if (code <= 0xff) forms.push(`\\\\x${hex(code)}`);
  // Percent-encoding is of UTF-8 bytes; one byte covers ASCII, which credentials are written in.
  if (code <= 0x7f) forms.push(`%${hex(code)}`);
  if (ENTITIES[character]) forms.push(`&${ENTITIES[character]};`);
  return `(?:${forms.join("|")})`;
}

function patternFor(secret: string): RegExp {
  return new RegExp([...secret].map(characterPattern).join(""), "g");
}

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const patterns = new Map<string, RegExp>();
  const text = (input: string): string => {
    let out = input;
    for (const [secret, pattern] of patterns) {
      // The plain search is cheap and settles the common case: no secret anywhere.
      // Stryker disable next-line ConditionalExpression,Regex: a shortcut; the replace alone finds the same.
      if (out.includes(secret) || /[\\%&]/.test(out)) out = out.replace(pattern, REPLACEMENT);
    }
    return out;
  };
  const value = <T>(input: T): T => {
    if (patterns.size === 0) return input;
    if (typeof input === "string") return text(input) as T;
    if (Array.isArray(input)) return input.map(value) as T;
    if (input !== null && typeof input === "object") {
      return Object.fromEntries(Object.entries(input).map(([key, inner]) => [text(key), value(inner)])) as T;
    }
    return input;
  };
  const redactor: Redactor = {
    add(secret) {
      if (secret.length >= MIN_SECRET_LENGTH && !patterns.has(secret)) patterns.set(secret, patternFor(secret));
    },
    text,
    value,
  };
  for (const secret of secrets) if (secret !== undefined) redactor.add(secret);
  return redactor;
}
