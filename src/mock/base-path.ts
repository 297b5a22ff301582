// The platform serves the API under a base path (https://platform.adobe.io/data/core/ups), while
// the description's paths, the client and the command-line tool count from the base URL. The
// stand-in answers both ways, so a request copied from Adobe's documentation or Postman collection
// works after changing only its host, and AEP_BASE_URL=http://127.0.0.1:4010 works as well.

/** The path of the description's production server URL; a test keeps the two equal. */
export const PLATFORM_BASE_PATH = "/data/core/ups";

/** The path the description names, for a request path given either way. */
export function apiPathOf(pathname: string): string {
  // Only whole segments: /data/core/upsexport/jobs is not the API.
  return pathname.startsWith(`${PLATFORM_BASE_PATH}/`) ? pathname.slice(PLATFORM_BASE_PATH.length) : pathname;
}
