// Rules for every request that leaves the process, to the API or to IMS: where it may go, what
// becomes of a redirect, and how much of an answer is read.

/** Redirect statuses. Neither the API nor IMS redirects in normal operation. */
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The origin a redirect points to, when the response is one; undefined otherwise. */
export function redirectTarget(response: Response, from: string): string | undefined {
  // `redirected` is for a `fetch` passed in that follows redirects despite `redirect: "manual"`.
  if (!REDIRECTS.has(response.status) && !response.redirected) return undefined;
  const location = response.redirected ? response.url : response.headers.get("location");
  try {
    return location ? new URL(location, from).origin : "an address it did not give";
  } catch {
    return "an unreadable address";
  }
}

// Any 127.x address is this machine too.
const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

/**
 * Checks an address credentials will be sent to: absolute, https (plain http only to this machine,
 * for stand-ins), and without a user name or password, which would end up in every error message.
 * Returns the reason it is refused, without quoting the address; undefined when it is fine.
 */
export function refuseEndpoint(value: unknown): string | undefined {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return "is not an absolute URL";
  }
  if (url.username || url.password) return "must not carry a user name or password";
  if (url.protocol === "https:") return undefined;
  if (url.protocol !== "http:") return `must use https, not ${url.protocol.slice(0, -1)}`;
  if (LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith("127.")) return undefined;
  return "must use https (plain http is accepted only for this machine, such as http://127.0.0.1:4010)";
}

/**
 * Lets go of a body that will not be read. Not waited for: cancelling one branch of a body that
 * was `tee()`d (a `clone()`, a caching or mocking fetch) settles only once the other branch is
 * cancelled too, which may be never.
 */
export function discard(body: ReadableStream | ReadableStreamDefaultReader | null | undefined): void {
  body?.cancel().catch(() => undefined);
}

/** The body was larger than the cap; what was read is dropped. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`the response body is larger than ${limitBytes} bytes`);
  }
}

/**
 * The body as text, with its length in bytes, read up to `limitBytes` after decompression, so that
 * a small compressed body cannot expand into gigabytes. Rejects with `BodyTooLargeError` past the
 * cap. A stalled body ends when the signal given to `fetch` aborts, as fetch ties the body to it.
 */
export async function readTextCapped(response: Response, limitBytes: number): Promise<{ text: string; bytes: number }> {
  const body = response.body;
  if (body === null) return { text: "", bytes: 0 };
  const declared = Number(response.headers.get("content-length"));
  if (declared > limitBytes && response.headers.get("content-encoding") === null) {
    discard(body);
    throw new BodyTooLargeError(limitBytes);
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), bytes: received };
    received += value.byteLength;
    if (received > limitBytes) {
      discard(reader);
      throw new BodyTooLargeError(limitBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

const DELTA_SECONDS = /^\d+$/;
// IMF-fixdate, the form HTTP sends (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `Retry-After` as milliseconds, from delta-seconds or an HTTP date; undefined when absent or
 * unreadable (`1.5`, `-5`, `soon`), so that the backoff applies rather than an immediate repeat.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
