// The two error shapes the platform answers with: the gateway's, for credentials, and the
// service's problem object, for everything the service itself refuses.
import type { GatewayError, ServiceProblem } from "../types.js";

export interface ErrorAnswer {
  status: number;
  body: GatewayError | ServiceProblem;
}

// The statuses are the description's: 401 when a credential its security schemes require is
// missing (or the token is not valid), 403 when one is present but not allowed. Each error_code
// names the header, missing or wrong alike.
export const gatewayErrors = {
  invalidToken: { status: 401, body: { error_code: "401013", message: "Oauth token is not valid" } },
  missingApiKey: { status: 401, body: { error_code: "403010", message: "Api Key is required (x-api-key)" } },
  invalidApiKey: { status: 403, body: { error_code: "403010", message: "Api Key is invalid" } },
  missingOrg: { status: 401, body: { error_code: "403025", message: "An organization id (x-gw-ims-org-id) is required" } },
  invalidOrg: { status: 403, body: { error_code: "403025", message: "Profile is not valid" } },
  missingSandbox: { status: 401, body: { error_code: "403025", message: "A sandbox name (x-sandbox-name) is required" } },
} satisfies Record<string, ErrorAnswer>;

const PROBLEMS = {
  400: { title: "BadRequestError", type: "https://ns.adobe.com/aep/errors/UPAPI-400-0002" },
  404: { title: "NotFoundError", type: "https://ns.adobe.com/aep/errors/UPAPI-404-0001" },
  405: { title: "MethodNotAllowedError", type: "https://ns.adobe.com/aep/errors/UPAPI-405-0001" },
  500: { title: "InternalServerError", type: "https://ns.adobe.com/aep/errors/UPAPI-500-0001" },
} as const;

export function problem(status: keyof typeof PROBLEMS, detail: string, requestId: string, issues: string[] = []): ErrorAnswer {
  const { title, type } = PROBLEMS[status];
  const body: ServiceProblem = { type, status, title, detail, requestId };
  if (issues.length > 1) {
    body.errors = { [status]: issues.map((message) => ({ code: type.split("/").pop()!, message })) };
  }
  return { status, body };
}

export function badRequest(issues: string[], requestId: string): ErrorAnswer {
  return problem(400, issues.join("; "), requestId, issues);
}

export function methodNotAllowed(method: string, pathname: string, allowed: string[], requestId: string): ErrorAnswer & { headers: Record<string, string> } {
  const list = allowed.join(", ");
  return { ...problem(405, `${pathname} does not answer ${method}; it answers ${list}`, requestId), headers: { Allow: list } };
}

/** The service's documented answer to a POST without `Content-Type: application/json`. */
export function missingContentType(requestId: string): ErrorAnswer {
  return {
    status: 400,
    body: {
      type: "https://ns.adobe.com/aep/errors/UPAPI-400-0001",
      status: 400,
      title: "BadRequestError",
      detail: "A valid content-type must be specified",
      requestId,
    },
  };
}
