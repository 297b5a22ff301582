import { GLOBAL_OPTIONS, type CliOptions } from "./args.js";

export const PROGRAM = "aep-export-jobs";

/** Aligned help lines for options: `  --name VALUE  what it does`, continuation lines indented. */
export function optionsHelp(options: CliOptions): string {
  const entries = Object.entries(options);
  const heads = entries.map(([name, option]) => `${option.short ? `-${option.short}, ` : ""}--${name}${option.value ? ` ${option.value}` : ""}`);
  const width = Math.max(...heads.map((head) => head.length));
  return entries
    .flatMap(([, option], i) => {
      const [first, ...more] = option.help.split("\n");
      return [`  ${heads[i]!.padEnd(width)}  ${first}`, ...more.map((line) => `  ${" ".repeat(width)}  ${line}`)];
    })
    .join("\n");
}

export const GLOBAL_HELP = `Global options:\n${optionsHelp(GLOBAL_OPTIONS)}`;

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

/**
 * A command's `--help`: its usage and description, its own options, the global options it takes
 * (the network ones only if it calls the API), and what its exit status means.
 */
export function commandHelp(parts: { usage: string; description: string; options: CliOptions; exitStatus: string }): string {
  const own = Object.fromEntries(Object.entries(parts.options).filter(([name]) => !(name in GLOBAL_OPTIONS)));
  const global = Object.fromEntries(Object.entries(GLOBAL_OPTIONS).filter(([name]) => name in parts.options)) as CliOptions;
  return [
    `Usage: ${parts.usage}`,
    "",
    parts.description,
    Object.keys(own).length > 0 ? `\nOptions:\n${optionsHelp(own)}` : "",
    `\nGlobal options:\n${optionsHelp(global)}`,
    `\n${parts.exitStatus}`,
  ]
    .filter(Boolean)
    .join("\n");
}
