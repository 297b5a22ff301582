import { describe, expect, it } from "vitest";
import { printable, printableJson } from "../../src/cli/printable.js";

// Anything a terminal acts on rather than shows: C0, DEL, C1 and the bidi controls.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe("printable", () => {
  it("leaves ordinary text alone, accents, symbols and backslashes included", () => {
    for (const text of ["", "SUCCEEDED", "5b7c86968f7b6501e21ba9df", "Profilé exporté · 20 ✓", "C:\\exports", "50% done; ok"]) {
      expect(printable(text)).toBe(text);
    }
  });

  it("shows escape sequences as visible escapes: OSC title, CSI colour and clear screen", () => {
    expect(printable("\u001b]0;pwned\u0007")).toBe("\\x1b]0;pwned\\x07");
    expect(printable("\u001b[31mred\u001b[0m")).toBe("\\x1b[31mred\\x1b[0m");
    expect(printable("\u001b[2J")).toBe("\\x1b[2J");
  });

  it("escapes carriage returns, newlines and tabs, so that a value cannot rewrite or forge a line", () => {
    expect(printable("ok\rFAILED")).toBe("ok\\x0dFAILED");
    expect(printable("msg\nerror: forged")).toBe("msg\\x0aerror: forged");
    expect(printable("a\tb")).toBe("a\\x09b");
  });

  it("escapes every C0 control, DEL and every C1 control, the 8-bit CSI among them", () => {
    for (let code = 0; code <= 0x9f; code++) {
      if (code >= 0x20 && code < 0x7f) continue;
      const shown = printable(`<${String.fromCharCode(code)}>`);
      expect(shown).toBe(`<\\x${code.toString(16).padStart(2, "0")}>`);
    }
    expect(printable("\u009b31m")).toBe("\\x9b31m");
  });

  it("escapes the bidi overrides, embeddings, isolates and marks", () => {
    expect(printable("abc\u202egpj.exe")).toBe("abc\\u202egpj.exe");
    for (const code of [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(printable(String.fromCharCode(code))).toBe(`\\u${code.toString(16).padStart(4, "0")}`);
    }
  });

  it("is idempotent and leaves nothing unprintable", () => {
    const hostile = "\u001b]0;pwned\u0007\u001b[2J\r\n\u009b\u202e\u0000\u007f";
    const once = printable(hostile);
    expect(once).not.toMatch(UNPRINTABLE);
    expect(printable(once)).toBe(once);
  });

  it("does not throw on a value that is not a string, as a server breaking its description may send", () => {
    expect(printable(42 as unknown as string)).toBe("42");
    expect(printable(null as unknown as string)).toBe("null");
  });
});

describe("printableJson", () => {
  it("makes every string and every key printable, and keeps numbers, booleans and null", () => {
    const job = {
      id: 7,
      status: "\u001b[2JFAILED",
      destination: { datasetId: "\u001b]0;pwned\u0007", segmentPerBatch: false, batchId: null },
      errors: [{ code: "\u009b31m", msg: "line\nforged" }],
      metrics: { exportedProfileByNamespaceCounter: { "e\u001bmail": 3 } },
    };

    expect(printableJson(job)).toEqual({
      id: 7,
      status: "\\x1b[2JFAILED",
      destination: { datasetId: "\\x1b]0;pwned\\x07", segmentPerBatch: false, batchId: null },
      errors: [{ code: "\\x9b31m", msg: "line\\x0aforged" }],
      metrics: { exportedProfileByNamespaceCounter: { "e\\x1bmail": 3 } },
    });
  });

  it("returns a copy, leaving the job as the API sent it for JSON output", () => {
    const job = { status: "\u001b[2J", segments: ["\u0007"] };

    printableJson(job);

    expect(job).toEqual({ status: "\u001b[2J", segments: ["\u0007"] });
  });

  it("passes undefined through", () => {
    expect(printableJson(undefined)).toBeUndefined();
  });
});
