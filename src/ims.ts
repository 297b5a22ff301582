/**
 * Access tokens from Adobe IMS with the OAuth server-to-server credential (client credentials
 * grant) of an Adobe Developer Console project.
 */

import { ExportJobsConfigError } from "./errors.js";
import { createRedactor } from "./redact.js";
import { deadline } from "./timers.js";
import { BodyTooLargeError, discard, readTextCapped, redirectTarget, refuseEndpoint } from "./wire.js";

export const DEFAULT_IMS_URL = "https://ims-na1.adobelogin.com/ims/token/v3";

export interface ImsTokenProviderOptions {
  /** The project's client id (also the `x-api-key` of API requests). */
  clientId: string;
  /** The project's client secret. Never appears in errors. */
  clientSecret: string;
  /** The scopes of the credential, as an array or a comma-separated string. */
  scopes: string | readonly string[];
  /** The IMS token endpoint. Default: the production endpoint, `https://ims-na1.adobelogin.com/ims/token/v3`. */
  imsUrl?: string;
  fetch?: typeof fetch;
  /** A token is renewed this long before it expires, so that it does not expire mid-request. Default 5 minutes. */
  refreshMarginMs?: number;
  /** How long one exchange may take, answer included, before it is abandoned. Default 30 seconds. */
  timeoutMs?: number;
  /** The clock, in epoch milliseconds; tests replace it. */
  now?: () => number;
}

/** Returns a valid access token, exchanging the credential only when the cached one is near expiry. */
export interface ImsTokenProvider {
  (): Promise<string>;
  /** Forgets the cached token, so that the next call asks IMS for a new one. */
  invalidate(): void;
}

/**
 * IMS refused the credential, could not be reached, or answered with something other than a token
 * (a redirect included: none is followed). Holds neither the secret nor a token, in any property.
 */
export class ImsTokenError extends Error {
  override readonly name = "ImsTokenError";
  /** The HTTP status IMS answered with; undefined when it did not answer. */
  readonly status: number | undefined;
  /** IMS's `error` code, such as `invalid_client` or `invalid_scope`. */
  readonly code: string | undefined;

  constructor(message: string, init: { status?: number | undefined; code?: string | undefined } = {}) {
    super(message);
    this.status = init.status;
    this.code = init.code;
  }
}

// A token answer is a few kilobytes; anything near this is not IMS.
const MAX_ANSWER_BYTES = 1024 * 1024;

interface CachedToken {
  value: string;
  /** Epoch milliseconds after which the token is renewed rather than handed out. */
  renewAt: number;
}

export function createImsTokenProvider(options: ImsTokenProviderOptions): ImsTokenProvider {
  const clientId = requireText(options.clientId, "clientId", "the client id of your Adobe Developer Console project");
  const clientSecret = requireText(options.clientSecret, "clientSecret", "the client secret of that project");
  const scopes = scopeList(options.scopes);
  const imsUrl = endpoint(options.imsUrl ?? DEFAULT_IMS_URL);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const refreshMarginMs = nonNegative(options.refreshMarginMs ?? 5 * 60_000, "refreshMarginMs");
  const timeoutMs = nonNegative(options.timeoutMs ?? 30_000, "timeoutMs");
  const now = options.now ?? Date.now;

  let cached: CachedToken | undefined;
  let pending: Promise<string> | undefined;
  // Bumped by invalidate(), so that an exchange started before it cannot refill the cache with a
  // token that was just declared unusable.
  let generation = 0;

  const redactor = createRedactor([clientSecret]);
  const scrub = redactor.text;

  async function exchange(): Promise<CachedToken> {
    const limit = deadline(timeoutMs);
    try {
      return await exchangeWithin(limit.signal);
    } finally {
      limit.clear();
    }
  }

  async function exchangeWithin(signal: AbortSignal): Promise<CachedToken> {
    const startedAt = now();
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: scopes,
    });
    const unreachable = (error: unknown) => {
      const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      return new ImsTokenError(`Could not reach Adobe IMS at ${imsUrl}: ${scrub(reason)}`);
    };
    let response: Response;
    try {
      response = await fetchImpl(imsUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: body.toString(),
        redirect: "manual",
        signal,
      });
    } catch (error) {
      throw unreachable(error);
    }
    const redirectedTo = redirectTarget(response, imsUrl);
    if (redirectedTo) {
      discard(response.body);
      throw new ImsTokenError(
        `Adobe IMS at ${imsUrl} answered with a redirect to ${redirectedTo}; redirects are not followed, so that the client secret is only sent to ${new URL(imsUrl).origin}`,
        { status: response.status },
      );
    }
    let text: string;
    try {
      ({ text } = await readTextCapped(response, MAX_ANSWER_BYTES));
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new ImsTokenError(`Adobe IMS answered HTTP ${response.status} with ${error.message}`, { status: response.status });
      throw unreachable(error);
    }
    // An array reads as an object without fields; null or a number, like text that is not JSON, as no answer.
    let parsed: Record<string, unknown> | null | undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === "object") parsed = value as Record<string, unknown> | null;
    } catch {
      // Not JSON: parsed stays undefined.
    }
    if (!response.ok) {
      // What IMS says is shown to people: a server that echoes the secret must not get it shown.
      const code = typeof parsed?.error === "string" ? scrub(parsed.error).slice(0, 100) : undefined;
      const description = typeof parsed?.error_description === "string" ? scrub(parsed.error_description).slice(0, 500) : undefined;
      const detail = code ? `${code}${description ? `: ${description}` : ""}` : parsed ? "no error code" : "the answer is not a JSON object";
      throw new ImsTokenError(scrub(`Adobe IMS refused the token request with HTTP ${response.status}: ${detail}`), {
        status: response.status,
        code,
      });
    }
    const token = parsed?.access_token;
    if (typeof token !== "string" || token === "") {
      throw new ImsTokenError(`Adobe IMS answered HTTP ${response.status} without an access_token`, { status: response.status });
    }
    const expiresIn = Number(parsed?.expires_in);
    const lifetimeMs = Number.isFinite(expiresIn) ? Math.max(0, expiresIn) * 1000 : 0;
    // A token that lives shorter than the margin would never be reused; keep it for half its life instead.
    const margin = Math.min(refreshMarginMs, lifetimeMs / 2);
    return { value: token, renewAt: startedAt + lifetimeMs - margin };
  }

  const provider = async function imsAccessToken(): Promise<string> {
    if (cached && now() < cached.renewAt) return cached.value;
    if (!pending) {
      const started = generation;
      const inFlight = exchange().then(
        (token) => {
          if (started === generation) {
            cached = token;
            pending = undefined;
          }
          return token.value;
        },
        (error: unknown) => {
          if (started === generation) pending = undefined;
          throw error;
        },
      );
      pending = inFlight;
    }
    return pending;
  } as ImsTokenProvider;

  provider.invalidate = () => {
    // Stryker disable next-line UpdateOperator: any change marks the exchange under way as stale; its direction does not matter.
    generation++;
    cached = undefined;
    pending = undefined;
  };
  return provider;
}

function requireText(value: unknown, option: string, what: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ExportJobsConfigError(`createImsTokenProvider: ${option} is required (${what})`);
  }
  return value.trim();
}

function scopeList(scopes: unknown): string {
  const list = typeof scopes === "string" ? scopes.split(",") : Array.isArray(scopes) ? scopes : [];
  const names = list.filter((s): s is string => typeof s === "string").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) {
    throw new ExportJobsConfigError(
      "createImsTokenProvider: scopes is required (the scopes of the OAuth server-to-server credential, such as openid,AdobeID,read_organizations)",
    );
  }
  return names.join(",");
}

function endpoint(url: unknown): string {
  const refused = refuseEndpoint(url);
  if (refused) throw new ExportJobsConfigError(`createImsTokenProvider: imsUrl ${refused}`);
  return new URL(String(url)).toString();
}

function nonNegative(value: number, option: string): number {
  if (!Number.isFinite(value) || value < 0) throw new ExportJobsConfigError(`createImsTokenProvider: ${option} must be a number of milliseconds, 0 or more`);
  return value;
}
