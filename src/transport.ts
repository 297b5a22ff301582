// One HTTP attempt, whole: credentials and a fresh request id, a bounded wait, no redirects, a
// capped body, and credentials scrubbed from what an error answer says. The retry loop calls it
// once per attempt; nothing else in the client sends a request.
import type { Credentials } from "./auth.js";
import { ExportJobsApiError, ExportJobsNetworkError } from "./errors.js";
import { ReadResponse } from "./read-response.js";
import { deadline, untilAborted } from "./timers.js";
import { BodyTooLargeError, discard, readTextCapped, redirectTarget } from "./wire.js";

export const REQUEST_ID_HEADER = "x-request-id";

/** One HTTP attempt, as reported to `onRequest`. Carries no credentials. */
export interface RequestInfo {
  method: string;
  url: string;
  /** 0 when no answer came. */
  status: number;
  durationMs: number;
  requestId: string;
}

/** A request as openapi-fetch built it, before credentials: repeatable, since its body is text. */
export interface Outgoing {
  method: string;
  url: string;
  /** The path below the base URL, as errors name it. */
  path: string;
  /** Each attempt sets its credentials and request id here, replacing the previous attempt's. */
  headers: Headers;
  body: string | undefined;
  /** The caller's signal. */
  signal: AbortSignal;
}

export interface TransportOptions {
  credentials: Credentials;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  maxResponseBytes: number;
  onRequest?: ((info: RequestInfo) => void) | undefined;
}

export type Send = (outgoing: Outgoing) => Promise<Response>;

// Statuses whose responses cannot carry a body.
const NULL_BODY = new Set([204, 205, 304]);

/**
 * Sends one attempt and resolves with its answer, read whole, carrying the `x-request-id` that was
 * sent. Rejects with the caller's abort reason, `ExportJobsNetworkError` (no answer, or none within
 * `timeoutMs`), `ExportJobsApiError` (a redirect, a body over `maxResponseBytes`, a status outside
 * HTTP's range), or whatever the token function threw.
 */
export function createTransport(options: TransportOptions): Send {
  const { credentials, fetch: fetchImpl, timeoutMs, maxResponseBytes, onRequest } = options;
  const { redactor } = credentials;

  return async function sendOnce(outgoing) {
    const { method, url, path } = outgoing;
    const requestId = crypto.randomUUID();
    const { headers } = outgoing;
    headers.set(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    const limit = deadline(timeoutMs, outgoing.signal);
    let status = 0;
    const noAnswer = (cause: unknown, sent: boolean) => {
      if (outgoing.signal.aborted) return outgoing.signal.reason as unknown;
      return new ExportJobsNetworkError(method, path, requestId, { cause, sent, redactor });
    };
    // Past the deadline, whatever fetch or the body threw is the time limit's doing.
    const noAnswerToRequest = (error: unknown) => noAnswer(limit.signal.aborted ? limit.signal.reason : error, true);
    const refuse = (reason: string) => new ExportJobsApiError({ status, method, path, body: undefined, requestId, reason, redactor });
    try {
      const applying = credentials.apply(headers);
      // Stryker disable next-line ConditionalExpression: waiting for a token that is already there changes nothing; the check spares a static token a promise.
      if (applying) {
        try {
          await untilAborted(applying, limit.signal);
        } catch (error) {
          if (!limit.signal.aborted) throw error;
          throw noAnswer(new DOMException(`the access token function did not return within ${timeoutMs} ms`, "TimeoutError"), false);
        }
      }
      let response: Response;
      try {
        response = await fetchImpl(url, { method, headers, body: outgoing.body ?? null, redirect: "manual", signal: limit.signal });
      } catch (error) {
        throw noAnswerToRequest(error);
      }
      status = response.status;
      const redirectedTo = redirectTarget(response, url);
      if (redirectedTo) {
        discard(response.body);
        throw refuse(`the API redirected the request to ${redirectedTo}; redirects are not followed, so that credentials are only sent to ${new URL(url).origin}`);
      }
      if (status < 200 || status > 599) throw refuse("the status is outside HTTP's range");
      let text: string;
      let bytes: number;
      try {
        ({ text, bytes } = await readTextCapped(response, maxResponseBytes));
      } catch (error) {
        if (error instanceof BodyTooLargeError) throw refuse(`${error.message} (maxResponseBytes); it was not read`);
        throw noAnswerToRequest(error);
      }
      const answer = !response.ok
        ? // Error answers are read and shown to people, so what they echo is scrubbed.
          new ReadResponse(redactor.text(text), response)
        : NULL_BODY.has(status)
          ? new ReadResponse("", response)
          : new ReadResponse(text, response, bytes);
      // Each answer carries the request id it answers, so that an error about it can quote the id.
      answer.headers.set(REQUEST_ID_HEADER, requestId);
      return answer;
    } finally {
      limit.clear();
      onRequest?.({ method, url, status, durationMs: Math.round(performance.now() - started), requestId });
    }
  };
}
