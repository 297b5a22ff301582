/**
 * Text from the server made safe to write to a terminal. A job's fields, its error messages and
 * the API's error answers are written into human output; left as they are, an escape sequence in
 * them could retitle or recolour the terminal, clear it, or hide what was printed (`\r`, cursor
 * moves), and a bidi override could make a line read other than it is written. Each such character
 * is shown as a visible escape instead, so that the reader still sees that something was there.
 *
 * Newlines and tabs are escaped too: every message the tool prints is one line of its own making,
 * and a value from the server must not be able to forge a line (a fake "error:" or status) either.
 * JSON output does not need this: JSON.stringify escapes every control character by itself.
 */

// C0 controls, DEL and C1 controls (U+009B alone is a CSI on terminals that read 8-bit codes),
// then the bidi marks, embeddings, overrides and isolates of the "Trojan Source" attack.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every control and bidi character replaced by `\xHH` or `\uHHHH`. Idempotent: what it
 * returns has none of them left. Apply it to the text before colouring it, never after, or the
 * tool's own colour codes would be escaped as well.
 */
export function printable(text: string): string {
  // String(): a server that breaks its description may send a number or null where a string is due.
  return String(text).replace(UNPRINTABLE, visibleEscape);
}

/**
 * A copy of a parsed JSON value (such as a job) with every string in it, and every key, made
 * printable: a renderer that takes its values from the copy cannot forget one, and keys are
 * printed too (the profile counters are keyed by namespace).
 */
export function printableJson<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableJson) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [printable(key), printableJson(item)])) as T;
  }
  return value;
}
