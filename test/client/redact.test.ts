// What the redactor finds: a secret in any way a server could write it back, and nothing shorter
// than a real credential. The client's own errors are tested in errors.test.ts and, against a
// hostile server, in test/contract/hostile.test.ts.
import { describe, expect, it } from "vitest";
import { createRedactor, MIN_SECRET_LENGTH } from "../../src/redact.js";

const SECRET = `k3y/&"'<>-z9`;

// One character per form, so that every form of every character has to match.
const each = (secret: string, form: (code: number, character: string) => string) => [...secret].map((c) => form(c.codePointAt(0)!, c)).join("");

describe("createRedactor", () => {
  it.each([
    ["as is", (_code: number, c: string) => c],
    ["backslash-escaped", (_code: number, c: string) => `\\${c}`],
    ["as \\u{…} escapes", (code: number) => `\\u{${code.toString(16)}}`],
    ["as \\u{…} escapes with leading zeros, upper case", (code: number) => `\\u{00${code.toString(16).toUpperCase()}}`],
    ["as decimal character references", (code: number) => `&#${code};`],
    ["as decimal character references with leading zeros", (code: number) => `&#000${code};`],
    ["as hexadecimal character references", (code: number) => `&#x${code.toString(16)};`],
    ["as upper-case hexadecimal character references", (code: number) => `&#x${code.toString(16).toUpperCase()};`],
    ["as \\u escapes", (code: number) => `\\u${code.toString(16).padStart(4, "0")}`],
    ["as \\x escapes", (code: number) => `\\x${code.toString(16).padStart(2, "0")}`],
    ["as \\x escapes, upper case", (code: number) => `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`],
    ["percent-encoded", (code: number) => `%${code.toString(16).padStart(2, "0")}`],
    ["percent-encoded, upper case", (code: number) => `%${code.toString(16).toUpperCase().padStart(2, "0")}`],
  ])("finds a secret written %s", (_form, form) => {
    const redactor = createRedactor([SECRET]);
    expect(redactor.text(`before ${each(SECRET, form)} after`)).toBe("before [redacted] after");
  });

  it("finds HTML's named entities for the punctuation that has them", () => {
    const redactor = createRedactor([SECRET]);
    expect(redactor.text("k3y/&amp;&quot;&apos;&lt;&gt;-z9")).toBe("[redacted]");
  });

  it("takes no entity for a character that has none", () => {
    const redactor = createRedactor(["abcd-efgh"]);
    expect(redactor.text("abcd&undefined;efgh")).toBe("abcd&undefined;efgh");
  });

  it("finds characters beyond Latin-1 in the escapes that can spell them", () => {
    const redactor = createRedactor(["s€cret-ÿ-😀-value"]);
    expect(redactor.text("s\\u20accret-\\xff-\\u{1f600}-value")).toBe("[redacted]");
    expect(redactor.text("s\\u20ACcret-\\u00FF-\\u{1F600}-value")).toBe("[redacted]");
    // There is no \x escape for €, nor a \u escape of four digits for 😀: those spellings are text.
    expect(redactor.text("s\\x20accret-ÿ-😀-value")).toBe("s\\x20accret-ÿ-😀-value");
    expect(redactor.text("s€cret-ÿ-\\u1f600-value")).toBe("s€cret-ÿ-\\u1f600-value");
  });

  it("percent-encodes only ASCII, and writes \\x only up to \\xff", () => {
    const redactor = createRedactor(["ab\u007fcd\u0080efgh"]);
    expect(redactor.text("ab%7fcd\\x80efgh")).toBe("[redacted]");
    expect(redactor.text("ab%7fcd%80efgh")).toBe("ab%7fcd%80efgh");
    const latin = createRedactor(["\u00ff\u0100-abcdefgh"]);
    expect(latin.text("\\xff\\u0100-abcdefgh")).toBe("[redacted]");
    expect(latin.text("\\xff\\x100-abcdefgh")).toBe("\\xff\\x100-abcdefgh");
  });

  it(`ignores a secret shorter than ${MIN_SECRET_LENGTH} characters, which could not be told from ordinary text`, () => {
    const redactor = createRedactor(["abcdefg", undefined, "abcdefgh"]);
    expect(MIN_SECRET_LENGTH).toBe(8);
    expect(redactor.text("abcdefg! and abcdefgh")).toBe("abcdefg! and [redacted]");
  });

  it("replaces every occurrence of every secret, including one added later", () => {
    const redactor = createRedactor(["first-secret"]);
    redactor.add("second-secret");
    redactor.add("second-secret");
    expect(redactor.text("first-secret second-secret first-secret")).toBe("[redacted] [redacted] [redacted]");
  });

  it("copies a parsed value with every secret replaced in its strings and keys, leaving other values as they are", () => {
    const redactor = createRedactor(["api-key-123"]);
    const input = { "api-key-123": ["x api-key-123 x", 7, null, true, { nested: "api-key-123" }], plain: "plain" };
    expect(redactor.value(input)).toEqual({ "[redacted]": ["x [redacted] x", 7, null, true, { nested: "[redacted]" }], plain: "plain" });
    expect(input["api-key-123"][0]).toBe("x api-key-123 x");
    expect(redactor.value(undefined)).toBeUndefined();
  });

  it("with no secrets, returns text and values as they are", () => {
    const redactor = createRedactor();
    const value = { text: "abc %41 &amp; \\x41" };
    expect(redactor.value(value)).toBe(value);
    expect(redactor.text(value.text)).toBe(value.text);
  });
});
