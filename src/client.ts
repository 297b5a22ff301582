import createClient, { type Client } from "openapi-fetch";
import { createCredentials, type AccessTokenSource } from "./auth.js";
import { ExportJobsConfigError } from "./errors.js";
import { positiveOption } from "./options.js";
import type { Redactor } from "./redact.js";
import { DEFAULT_RETRY, withRetries, type RetryOptions, type RetrySettings } from "./retry-loop.js";
import { createTransport, type Outgoing, type RequestInfo } from "./transport.js";
import type { paths } from "./types.js";
import { loadValidation } from "./validation.js";
import { refuseEndpoint } from "./wire.js";

export type { RequestInfo } from "./transport.js";

export const PRODUCTION_BASE_URL = "https://platform.adobe.io/data/core/ups";
export const STAGE_BASE_URL = "https://platform-stage.adobe.io/data/core/ups";

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface ExportJobsClientOptions {
  /** An IMS access token, or a function called before every request (so tokens can be refreshed). */
  accessToken: AccessTokenSource;
  /** The API key: your Adobe Developer Console project's client id. */
  apiKey: string;
  /** Your IMS organization id (`…@AdobeOrg`). */
  orgId: string;
  /** Default `prod`. */
  sandboxName?: string;
  /** Default production; see `STAGE_BASE_URL`. https, or http to this machine for a stand-in. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Retries of idempotent requests; `false` turns them off. */
  retry?: RetryOptions | false;
  /**
   * How long one HTTP attempt may take, from obtaining the token to the last byte of the answer.
   * A GET or DELETE that runs out is retried; a create is not. Default 60 s.
   */
  timeoutMs?: number;
  /** The largest answer read, after decompression; a larger one is an error. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Check every successful response body against the description (default false). */
  validateResponses?: boolean;
  /** Check parameters and bodies against the description before sending (default false). */
  validateRequests?: boolean;
  /** Called after every HTTP attempt, for logging. Status 0 means no answer. */
  onRequest?: (info: RequestInfo) => void;
}

export type ExportJobsClient = Client<paths, "application/json"> & { readonly baseUrl: string };

// The helpers build errors from what the server sent; each client's redactor follows it there.
const redactors = new WeakMap<ExportJobsClient, Redactor>();

/** The redactor of a client made by `createExportJobsClient`; undefined for any other client. */
export function redactorOf(client: ExportJobsClient): Redactor | undefined {
  return redactors.get(client);
}

function checkBaseUrl(value: string): string {
  const refused = refuseEndpoint(value);
  if (refused) throw new ExportJobsConfigError(`baseUrl ${refused}`);
  const url = new URL(value);
  if (url.search || url.hash) throw new ExportJobsConfigError("baseUrl must not carry a query or a fragment");
  return url.href.replace(/\/+$/, "");
}

function retrySettings(options: RetryOptions): RetrySettings {
  const count = options.retries ?? DEFAULT_RETRY.retries;
  if (!Number.isInteger(count) || count < 0) throw new ExportJobsConfigError(`retry.retries must be a whole number, 0 or more, got ${JSON.stringify(count)}`);
  return {
    retries: count,
    minDelayMs: positiveOption(options.minDelayMs, DEFAULT_RETRY.minDelayMs, "retry.minDelayMs"),
    maxDelayMs: positiveOption(options.maxDelayMs, DEFAULT_RETRY.maxDelayMs, "retry.maxDelayMs"),
  };
}

/**
 * An openapi-fetch client for the export jobs API. Every HTTP attempt goes through one transport:
 * credentials and a fresh request id, no redirects, a timeout and a size cap; idempotent requests
 * are retried around it.
 */
export function createExportJobsClient(options: ExportJobsClientOptions): ExportJobsClient {
  if (options == null || typeof options !== "object") throw new ExportJobsConfigError("createExportJobsClient needs an options object");
  const credentials = createCredentials(options);
  const baseUrl = checkBaseUrl(options.baseUrl ?? PRODUCTION_BASE_URL);
  const sendOnce = createTransport({
    credentials,
    // Resolved per call, so that a test or an application can replace globalThis.fetch later.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: positiveOption(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs"),
    maxResponseBytes: positiveOption(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, "maxResponseBytes"),
    onRequest: options.onRequest,
  });
  const send = options.retry === false ? sendOnce : withRetries(sendOnce, retrySettings(options.retry ?? {}), credentials);

  async function transportFetch(request: Request): Promise<Response> {
    // openapi-fetch builds every URL as the base URL followed by the operation's path.
    const path = request.url.slice(baseUrl.length).split("?")[0]!;
    const outgoing: Outgoing = {
      method: request.method,
      url: request.url,
      path,
      headers: request.headers,
      // Read once as text, so that every attempt can send it again.
      body: request.body === null ? undefined : await request.text(),
      signal: request.signal,
    };
    return send(outgoing);
  }

  const client = createClient<paths>({ baseUrl, fetch: transportFetch as typeof globalThis.fetch });
  // Validation and the generated validators load with the first call of a client that asks for it.
  if (options.validateRequests) client.use({ onRequest: async (call) => (await loadValidation()).checkRequest(call) });
  if (options.validateResponses) client.use({ onResponse: async (call) => (await loadValidation()).checkResponse(call, credentials.redactor) });
  const exportJobsClient = Object.assign(client, { baseUrl });
  redactors.set(exportJobsClient, credentials.redactor);
  return exportJobsClient;
}
