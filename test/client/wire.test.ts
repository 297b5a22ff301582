// The rules every request that leaves the process follows, to the API or to IMS, read directly:
// which addresses credentials may go to, what a redirect points at, how much of a body is read,
// and which `Retry-After` values are understood.
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, parseRetryAfter, readTextCapped, redirectTarget, refuseEndpoint } from "../../src/wire.js";

describe("where credentials may be sent", () => {
  it.each(["https://platform.adobe.io/data/core/ups", "http://localhost:4010", "http://[::1]:4010", "http://127.0.0.1:4010", "http://127.8.9.10"])("%s is accepted", (url) => {
    expect(refuseEndpoint(url)).toBeUndefined();
  });

  it.each([
    ["https://user@platform.adobe.io", "must not carry a user name or password"],
    ["https://:pass@platform.adobe.io", "must not carry a user name or password"],
    ["ftp://platform.adobe.io", "must use https, not ftp"],
    ["ws://localhost:4010", "must use https, not ws"],
    ["http://platform.adobe.io", "must use https (plain http is accepted only for this machine, such as http://127.0.0.1:4010)"],
    ["http://localhost.example.com", "must use https (plain http is accepted only for this machine, such as http://127.0.0.1:4010)"],
    ["platform.adobe.io", "is not an absolute URL"],
  ])("%s is refused: it %s", (url, reason) => {
    expect(refuseEndpoint(url)).toBe(reason);
  });
});

describe("what a redirect points at", () => {
  const from = "https://platform.adobe.io/data/core/ups/export/jobs";

  it("is the origin of its location, resolved against the request", () => {
    expect(redirectTarget(new Response(null, { status: 302, headers: { location: "https://elsewhere.example/steal?x=1" } }), from)).toBe("https://elsewhere.example");
    expect(redirectTarget(new Response(null, { status: 307, headers: { location: "/other" } }), from)).toBe("https://platform.adobe.io");
  });

  it("is said to be unknown when the redirect gives no location, or one that cannot be read", () => {
    expect(redirectTarget(new Response(null, { status: 301 }), from)).toBe("an address it did not give");
    expect(redirectTarget(new Response(null, { status: 308, headers: { location: "http://[not-an-address" } }), from)).toBe("an unreadable address");
  });

  it("is nothing for an answer that is not a redirect, whatever location it carries", () => {
    expect(redirectTarget(new Response(null, { status: 201, headers: { location: "https://elsewhere.example" } }), from)).toBeUndefined();
    expect(redirectTarget(new Response(null, { status: 304 }), from)).toBeUndefined();
  });
});

/** A body that arrives in the chunks given and records whether it was cancelled. */
function chunkedResponse(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  const state = { cancelled: false, pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[state.pulled++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(body, { headers }), state };
}

describe("reading a body within its cap", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("reads an answer without a body as empty text", async () => {
    expect(await readTextCapped(new Response(null, { status: 204 }), 10)).toEqual({ text: "", bytes: 0 });
  });

  it("keeps a character whose bytes arrive in two chunks", async () => {
    const [first, second] = [bytes("é").subarray(0, 1), bytes("é").subarray(1)];
    const { response } = chunkedResponse([bytes("caf"), first!, second!]);
    expect(await readTextCapped(response, 10)).toEqual({ text: "café", bytes: 5 });
  });

  it("refuses a body whose declared length is over the cap before reading any of it, and lets it go", async () => {
    const { response, state } = chunkedResponse([bytes("12345678901")], { "content-length": "11" });
    const error = await readTextCapped(response, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ name: "BodyTooLargeError", limitBytes: 10, message: "the response body is larger than 10 bytes" });
    expect(state).toEqual({ cancelled: true, pulled: 0 });
  });

  it("reads a body whose declared length is exactly the cap", async () => {
    const { response } = chunkedResponse([bytes("1234567890")], { "content-length": "10" });
    expect(await readTextCapped(response, 10)).toEqual({ text: "1234567890", bytes: 10 });
  });

  it("does not trust the declared length of a compressed body, which says nothing of its decoded size: it counts", async () => {
    const { response } = chunkedResponse([bytes("1234"), bytes("5678")], { "content-length": "9999", "content-encoding": "gzip" });
    expect(await readTextCapped(response, 10)).toEqual({ text: "12345678", bytes: 8 });
  });

  it("stops reading once the bytes received pass the cap, and lets the rest go", async () => {
    const { response, state } = chunkedResponse([bytes("123456"), bytes("789012"), bytes("never read")]);
    await expect(readTextCapped(response, 10)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state).toEqual({ cancelled: true, pulled: 2 });
  });
});

describe("Retry-After values", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("are read with the blanks around them", () => {
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
    expect(parseRetryAfter("  ", now)).toBeUndefined();
  });

  it("are not read from a date with anything before or after it", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT+2", now)).toBeUndefined();
    expect(parseRetryAfter("On Thu, 01 Jan 2026 00:00:05 GMT", now)).toBeUndefined();
  });
});
