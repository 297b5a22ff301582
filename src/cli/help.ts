import { PRODUCTION_BASE_URL } from "../index.js";

export const PROGRAM = "aep-export-jobs";

export const GLOBAL_HELP = `Global options:
  --base-url URL          API base URL (default: $AEP_BASE_URL, else ${PRODUCTION_BASE_URL})
  --request-timeout D     how long one HTTP attempt may take (default: $AEP_REQUEST_TIMEOUT, else 60s);
                          a GET or DELETE that runs out is retried, a create is not
  --verbose               log each HTTP attempt to stderr: method, URL, status, duration, request id
                          (never headers or credentials)
  -h, --help              show help
  --version               print the version`;

export const ENV_HELP = `Credentials (environment):
  AEP_ACCESS_TOKEN    an IMS access token, or instead the OAuth server-to-server credential:
  AEP_CLIENT_ID       client id of the Adobe Developer Console project
  AEP_CLIENT_SECRET   its client secret
  AEP_SCOPES          its scopes, comma-separated
  AEP_IMS_URL         IMS token endpoint (default https://ims-na1.adobelogin.com/ims/token/v3)
  AEP_API_KEY         the API key (default: AEP_CLIENT_ID, which is the API key)
  AEP_ORG_ID          IMS organization id (…@AdobeOrg)
  AEP_SANDBOX_NAME    sandbox (default prod)
  AEP_BASE_URL        API base URL (see --base-url)
  AEP_REQUEST_TIMEOUT how long one HTTP attempt may take (see --request-timeout)
AEP_ACCESS_TOKEN wins when both a token and an OAuth credential are set.
Output: colour only on a terminal and when NO_COLOR is unset. AEP_FORCE_TTY=1 makes the tool
behave as if stdout and stderr were terminals (a testing aid).`;

export function commandHelp(parts: { usage: string; description: string; options?: string; extra?: string }): string {
  return [`Usage: ${parts.usage}`, "", parts.description, parts.options ? `\nOptions:\n${parts.options}` : "", `\n${GLOBAL_HELP}`, parts.extra ? `\n${parts.extra}` : ""]
    .filter(Boolean)
    .join("\n");
}
