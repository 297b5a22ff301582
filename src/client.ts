import createClient, { type Client } from "openapi-fetch";
import { createCredentials, credentialsMiddleware, REQUEST_ID_HEADER, type AccessTokenSource } from "./auth.js";
import { ExportJobsConfigError } from "./errors.js";
import { retryMiddleware, type RetryOptions } from "./retry.js";
import type { paths } from "./types.js";
import { requestValidationMiddleware, responseValidationMiddleware } from "./validate.js";

export const PRODUCTION_BASE_URL = "https://platform.adobe.io/data/core/ups";
export const STAGE_BASE_URL = "https://platform-stage.adobe.io/data/core/ups";

/** One HTTP attempt, as reported to `onRequest`. Carries no credentials. */
export interface RequestInfo {
  method: string;
  url: string;
  status: number;
  durationMs: number;
  requestId: string;
}

export interface ExportJobsClientOptions {
  /** An IMS access token, or a function called before every request (so tokens can be refreshed). */
  accessToken: AccessTokenSource;
  /** The API key: your Adobe Developer Console project's client id. */
  apiKey: string;
  /** Your IMS organization id (`…@AdobeOrg`). */
  orgId: string;
  /** Default `prod`. */
  sandboxName?: string;
  /** Default production; see `STAGE_BASE_URL`. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Retries of idempotent requests; `false` turns them off. */
  retry?: RetryOptions | false;
  /** Check every successful response body against the description (default false). */
  validateResponses?: boolean;
  /** Check parameters and bodies against the description before sending (default false). */
  validateRequests?: boolean;
  /** Called after every HTTP attempt, for logging. Status 0 means no answer. */
  onRequest?: (info: RequestInfo) => void;
}

export type ExportJobsClient = Client<paths, "application/json"> & { readonly baseUrl: string };

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ExportJobsConfigError(`baseUrl must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ExportJobsConfigError(`baseUrl must use http or https, got "${url.protocol}"`);
  }
  if (url.search || url.hash) throw new ExportJobsConfigError("baseUrl must not carry a query or a fragment");
  return url.href.replace(/\/+$/, "");
}

function reporting(fetchImpl: typeof globalThis.fetch, report: (info: RequestInfo) => void): typeof globalThis.fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const started = performance.now();
    const info = () => ({
      method: request.method,
      url: request.url,
      durationMs: Math.round(performance.now() - started),
      requestId: request.headers.get(REQUEST_ID_HEADER) ?? "",
    });
    try {
      const response = await fetchImpl(request);
      report({ ...info(), status: response.status });
      return response;
    } catch (error) {
      report({ ...info(), status: 0 });
      throw error;
    }
  };
}

/**
 * An openapi-fetch client for the export jobs API. Credentials, the sandbox and a fresh request id
 * are sent with every request by middleware; idempotent requests are retried.
 */
export function createExportJobsClient(options: ExportJobsClientOptions): ExportJobsClient {
  if (options == null || typeof options !== "object") throw new ExportJobsConfigError("createExportJobsClient needs an options object");
  const credentials = createCredentials(options);
  const baseUrl = checkBaseUrl(options.baseUrl ?? PRODUCTION_BASE_URL);
  // Resolved per call, so that a test or an application can replace globalThis.fetch later.
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const fetchImpl = options.onRequest ? reporting(baseFetch, options.onRequest) : baseFetch;
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl });
  // Order matters: onRequest runs first to last, onResponse last to first. Requests are checked
  // before credentials are added; retries settle before the final response is checked.
  if (options.validateRequests) client.use(requestValidationMiddleware());
  client.use(credentialsMiddleware(credentials));
  if (options.validateResponses) client.use(responseValidationMiddleware());
  if (options.retry !== false) client.use(retryMiddleware(options.retry ?? {}, credentials));
  return Object.assign(client, { baseUrl });
}
