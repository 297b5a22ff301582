import { PRODUCTION_BASE_URL, type ExportJobsClientOptions } from "../index.js";
import { createImsTokenProvider } from "../ims.js";

/** Credentials are missing: nothing can be sent. Exit status 2. */
export class MissingCredentialsError extends Error {
  override readonly name = "MissingCredentialsError";
}

type Env = NodeJS.ProcessEnv;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function baseUrlFrom(flag: string | undefined, env: Env): string {
  return flag?.trim() || read(env, "AEP_BASE_URL") || PRODUCTION_BASE_URL;
}

/** Every credential value the environment holds, so that output can be scrubbed of them. */
export function secretsIn(env: Env): string[] {
  return ["AEP_ACCESS_TOKEN", "AEP_API_KEY", "AEP_CLIENT_SECRET"].map((name) => read(env, name)).filter((v): v is string => !!v);
}

export type EnvironmentCredentials = Pick<ExportJobsClientOptions, "accessToken" | "apiKey" | "orgId" | "sandboxName"> & {
  /** How the token is obtained. */
  source: "AEP_ACCESS_TOKEN" | "OAuth server-to-server";
};

/**
 * The client's credentials from the environment: a token (AEP_ACCESS_TOKEN), or the OAuth
 * server-to-server credential (AEP_CLIENT_ID, AEP_CLIENT_SECRET, AEP_SCOPES) exchanged with IMS;
 * AEP_ACCESS_TOKEN wins when both are set. The API key defaults to AEP_CLIENT_ID.
 */
export function credentialsFrom(env: Env, onToken: (token: string) => void = () => {}): EnvironmentCredentials {
  const token = read(env, "AEP_ACCESS_TOKEN");
  const clientId = read(env, "AEP_CLIENT_ID");
  const clientSecret = read(env, "AEP_CLIENT_SECRET");
  const scopes = read(env, "AEP_SCOPES");
  const oauth = !token && (clientId !== undefined || clientSecret !== undefined || scopes !== undefined);
  // The API key is the client id of the Developer Console project, however the token is obtained.
  const apiKey = read(env, "AEP_API_KEY") ?? clientId;
  const orgId = read(env, "AEP_ORG_ID");
  const sandboxName = read(env, "AEP_SANDBOX_NAME") ?? "prod";

  const missing: string[] = [];
  if (oauth) {
    if (!clientId) missing.push("AEP_CLIENT_ID");
    if (!clientSecret) missing.push("AEP_CLIENT_SECRET");
    if (!scopes) missing.push("AEP_SCOPES");
  } else if (!token) {
    missing.push("AEP_ACCESS_TOKEN");
  }
  if (!apiKey && !(oauth && !clientId)) missing.push("AEP_API_KEY");
  if (!orgId) missing.push("AEP_ORG_ID");
  if (missing.length > 0) {
    const how = oauth
      ? "set them for the OAuth server-to-server credential"
      : "set AEP_ACCESS_TOKEN, AEP_API_KEY and AEP_ORG_ID, or AEP_CLIENT_ID, AEP_CLIENT_SECRET, AEP_SCOPES and AEP_ORG_ID";
    throw new MissingCredentialsError(`missing ${missing.join(", ")}: ${how}; nothing was sent`);
  }

  if (token) return { source: "AEP_ACCESS_TOKEN", accessToken: token, apiKey: apiKey!, orgId: orgId!, sandboxName };
  const provider = createImsTokenProvider({
    clientId: clientId!,
    clientSecret: clientSecret!,
    scopes: scopes!,
    ...(read(env, "AEP_IMS_URL") ? { imsUrl: read(env, "AEP_IMS_URL")! } : {}),
  });
  // Every token obtained is reported before use, so that it can be kept out of the output.
  const accessToken = Object.assign(
    async () => {
      const value = await provider();
      onToken(value);
      return value;
    },
    { invalidate: () => provider.invalidate() },
  );
  return { source: "OAuth server-to-server", accessToken, apiKey: apiKey!, orgId: orgId!, sandboxName };
}
