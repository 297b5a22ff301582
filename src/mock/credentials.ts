// The gateway's part: every request carries four credentials before the service sees it.
//   - Authorization missing, not "Bearer <token>", or not the configured token: 401, 401013.
//   - x-api-key missing or not the configured key: 403, 403010 (the description's example).
//   - x-gw-ims-org-id missing or not the configured org, or x-sandbox-name missing: 403, 403025.
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
  if (!accepts(header(headers, "x-api-key"), expected.apiKey)) return gatewayErrors.invalidApiKey;
  if (!accepts(header(headers, "x-gw-ims-org-id"), expected.orgId)) return gatewayErrors.invalidOrg;
  if (header(headers, "x-sandbox-name") === undefined) return gatewayErrors.missingSandbox;
  return undefined;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  return header(headers, name);
}
