// What may be repeated, and what a failure says about whether a request was carried out. The
// retry loop, the errors and the command-line tool's exit status all answer from here.

// Repeating a create could start a second export, so only methods that are safe to repeat retry.
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "DELETE", "PUT"]);

/** `method` as fetch writes it: these methods always in upper case, whatever the caller passed. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** Statuses that say "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** 307 and 308 ask for the same request to be sent elsewhere: this server did not carry it out. */
const NOT_CARRIED_OUT_REDIRECTS: ReadonlySet<number> = new Set([307, 308]);

/**
 * Whether a request that is not safe to repeat (a POST, which creates a job) may have been carried
 * out though no usable answer came back: it got none, a server error, a redirect that can follow
 * work done (301, 302, 303), or a success it could not read. A client error (4xx) means it was
 * refused; `failedBeforeSending` means it never left.
 */
export function mayHaveTakenEffect(method: string, outcome: { status: number } | { cause: unknown }): boolean {
  if (isIdempotent(method)) return false;
  if ("cause" in outcome) return !failedBeforeSending(outcome.cause);
  const { status } = outcome;
  return !(status >= 400 && status < 500) && !NOT_CARRIED_OUT_REDIRECTS.has(status);
}

// Failures while connecting: the request was never written, so it cannot have been carried out.
const FAILED_BEFORE_SENDING = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** fetch wraps the socket's error: `TypeError("fetch failed", { cause: { code } })`. */
export function failedBeforeSending(cause: unknown): boolean {
  const seen = new Set<unknown>();
  for (let error = cause; error && !seen.has(error); error = (error as { cause?: unknown }).cause) {
    seen.add(error);
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && FAILED_BEFORE_SENDING.has(code)) return true;
  }
  return false;
}
