import { ExportJobsConfigError } from "./errors.js";
import { createRedactor, type Redactor } from "./redact.js";

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

/** The credentials of one client, and the redactor that keeps every one of them out of its errors. */
export interface Credentials {
  /**
   * Sets the credential headers on the headers of one attempt. Synchronous for a fixed token, so
   * that the common path allocates no promise.
   */
  apply(headers: Headers): void | Promise<void>;
  /** Whether a token function that can drop its cached token was given. */
  readonly refreshable: boolean;
  /** Asks the token function to drop its cached token. */
  invalidate(): void;
  readonly redactor: Redactor;
}

// Visible ASCII: what a header value may carry without being rejected or split by the transport.
// The value itself is never quoted back, since it is a credential.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function requireHeaderValue(value: unknown, option: string, hint: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ExportJobsConfigError(`${option} is required: ${hint}. No request was sent.`);
  }
  if (!HEADER_SAFE.test(value)) {
    throw new ExportJobsConfigError(`${option} holds spaces, control characters or non-ASCII characters, which cannot be sent in a header: ${hint}. No request was sent.`);
  }
  return value;
}

const TOKEN_HINT = "pass an IMS access token, or a function that returns one";

export function createCredentials(options: CredentialOptions): Credentials {
  const apiKey = requireHeaderValue(options.apiKey, "apiKey", "pass the client id of your Adobe Developer Console project");
  const orgId = requireHeaderValue(options.orgId, "orgId", "pass your IMS organization id, such as ABC123@AdobeOrg");
  const sandboxName = requireHeaderValue(options.sandboxName ?? "prod", "sandboxName", "pass the sandbox name, such as prod");
  const source = options.accessToken;
  const redactor = createRedactor([apiKey]);
  let fixedAuthorization: string | undefined;
  if (typeof source !== "function") {
    redactor.add(requireHeaderValue(source, "accessToken", TOKEN_HINT));
    fixedAuthorization = `Bearer ${source}`;
  }

  const common = (headers: Headers) => {
    headers.set("x-api-key", apiKey);
    headers.set("x-gw-ims-org-id", orgId);
    headers.set("x-sandbox-name", sandboxName);
  };

  async function authorizationFrom(provider: TokenProvider): Promise<string> {
    const value = await provider();
    // Remembered before it is checked, so that an unusable token is still kept out of every message.
    // Stryker disable next-line ConditionalExpression: a safeguard; no message quotes an unusable token today.
    if (typeof value === "string") redactor.add(value);
    return `Bearer ${requireHeaderValue(value, "accessToken", "the token function returned no usable token")}`;
  }

  return {
    apply(headers) {
      common(headers);
      if (fixedAuthorization !== undefined) {
        headers.set("Authorization", fixedAuthorization);
        return;
      }
      return authorizationFrom(source as TokenProvider).then((value) => headers.set("Authorization", value));
    },
    // A fixed token has no `invalidate`: for it, these read as false and do nothing.
    refreshable: typeof (source as TokenProvider).invalidate === "function",
    invalidate() {
      (source as TokenProvider).invalidate?.();
    },
    redactor,
  };
}
