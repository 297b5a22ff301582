// The gateway's part: every request carries the four credentials the description's security
// schemes require together, before the service sees it. A missing one is a 401 (the request is not
// authenticated, as Prism and the description's 401 have it); one that is present but not the
// configured value is a 403, except the token, which is a 401 either way:
//   - Authorization missing, not "Bearer <token>", or not the configured token: 401, 401013.
//   - x-api-key missing: 401; not the configured key: 403; both 403010.
//   - x-gw-ims-org-id missing: 401; not the configured org: 403; both 403025.
//   - x-sandbox-name missing: 401, 403025. Any sandbox name is accepted: each has its own jobs.
// The answers never repeat a value that was sent.
import type { IncomingHttpHeaders } from "node:http";
import { gatewayErrors, type ErrorAnswer } from "./errors.js";
import type { MockCredentials } from "./types.js";

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
}

function accepts(sent: string | undefined, expected: string | undefined): boolean {
  return sent !== undefined && (expected === undefined || sent === expected);
}

export function checkCredentials(headers: IncomingHttpHeaders, expected: MockCredentials = {}): ErrorAnswer | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(header(headers, "authorization") ?? "")?.[1];
  if (!accepts(token, expected.accessToken)) return gatewayErrors.invalidToken;
  const apiKey = header(headers, "x-api-key");
  if (apiKey === undefined) return gatewayErrors.missingApiKey;
  if (!accepts(apiKey, expected.apiKey)) return gatewayErrors.invalidApiKey;
  const orgId = header(headers, "x-gw-ims-org-id");
  if (orgId === undefined) return gatewayErrors.missingOrg;
  if (!accepts(orgId, expected.orgId)) return gatewayErrors.invalidOrg;
  if (header(headers, "x-sandbox-name") === undefined) return gatewayErrors.missingSandbox;
  return undefined;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  return header(headers, name);
}
