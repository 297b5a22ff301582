import type { Middleware } from "openapi-fetch";
import { ExportJobsConfigError } from "./errors.js";
import { redactSecrets } from "./redact.js";

/** A token, or a function called before every request so that tokens can be refreshed. */
export type AccessTokenSource = string | TokenProvider;

export interface TokenProvider {
  (): string | Promise<string>;
  /** Drops a cached token; the client calls it once when the API answers 401. */
  invalidate?: () => void;
}

export interface CredentialOptions {
  accessToken: AccessTokenSource;
  apiKey: string;
  orgId: string;
  sandboxName?: string;
}

/** Applies the credentials to requests, and keeps them out of everything the client reports. */
export interface Credentials {
  /**
   * Sets the credential headers and a fresh `x-request-id` on the request, in place. Synchronous
   * for a fixed token, so that the common path allocates no promise.
   */
  apply(request: Request): void | Promise<void>;
  /** Asks a token provider for a new token; false when the token cannot be refreshed. */
  invalidate(): boolean;
  /** Replaces every credential in the text. */
  redact(text: string): string;
}

export const REQUEST_ID_HEADER = "x-request-id";

function requireText(value: unknown, option: string, hint: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ExportJobsConfigError(`${option} is required: ${hint}. No request was sent.`);
  }
  return value;
}

export function createCredentials(options: CredentialOptions): Credentials {
  const apiKey = requireText(options.apiKey, "apiKey", "pass the client id of your Adobe Developer Console project");
  const orgId = requireText(options.orgId, "orgId", "pass your IMS organization id, such as ABC123@AdobeOrg");
  const sandboxName = requireText(options.sandboxName ?? "prod", "sandboxName", "pass the sandbox name, such as prod");
  const source = options.accessToken;
  if (typeof source !== "function") {
    requireText(source, "accessToken", "pass an IMS access token, or a function that returns one");
  }
  // Every credential this client has sent; values this short could stand in ordinary text.
  const secrets = new Set<string>();
  const remember = (value: string) => value.length >= 4 && secrets.add(value);
  remember(apiKey);
  if (typeof source === "string") secrets.add(source);
  const fixedAuthorization = typeof source === "string" ? `Bearer ${source}` : undefined;

  async function tokenFrom(provider: TokenProvider): Promise<string> {
    const value = await provider();
    if (typeof value !== "string" || value.trim() === "") {
      throw new ExportJobsConfigError("accessToken: the token function returned no token. No request was sent.");
    }
    remember(value);
    return value;
  }

  return {
    apply(request) {
      const headers = request.headers;
      headers.set("x-api-key", apiKey);
      headers.set("x-gw-ims-org-id", orgId);
      headers.set("x-sandbox-name", sandboxName);
      headers.set(REQUEST_ID_HEADER, crypto.randomUUID());
      if (typeof source !== "function") {
        headers.set("Authorization", fixedAuthorization!);
        return;
      }
      return tokenFrom(source).then((value) => headers.set("Authorization", `Bearer ${value}`));
    },
    invalidate() {
      if (typeof source !== "function" || typeof source.invalidate !== "function") return false;
      source.invalidate();
      return true;
    },
    redact: (text) => redactSecrets(text, secrets),
  };
}

/**
 * Sends the credentials with every request, and, on an error answer, strips any credential the
 * server echoed back and records which request id it answered, so errors can quote it.
 */
export function credentialsMiddleware(credentials: Credentials): Middleware {
  return {
    onRequest({ request }) {
      return credentials.apply(request)?.then(() => request);
    },
    onResponse({ request, response }) {
      if (response.ok) return undefined;
      return annotateErrorResponse(response, request.headers.get(REQUEST_ID_HEADER), credentials);
    },
  };
}

const annotated = new WeakSet<Response>();

/** Error responses are small and rare, so reading them whole to scrub them costs nothing that matters. */
export async function annotateErrorResponse(
  response: Response,
  requestId: string | null,
  credentials: Credentials,
): Promise<Response> {
  if (annotated.has(response)) return response;
  const text = credentials.redact(await response.text());
  const headers = new Headers(response.headers);
  if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
  headers.delete("content-length");
  const copy = new Response(text === "" ? null : text, { status: response.status, statusText: response.statusText, headers });
  annotated.add(copy);
  return copy;
}
