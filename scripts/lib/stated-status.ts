// The HTTP status that prose states, in any language: the translations keep "HTTP" and the
// digits and translate the words around them ("HTTP status 200", "status HTTP 204",
// "HTTP-Status 200", "état HTTP 200", "HTTP ステータス 200"), so only those two are read.

// Up to a few words between "HTTP" and the digits, but never across a sentence or a number.
const STATED_STATUS = /\bHTTP\b[^\d\n.。!?！？]{0,24}?\b([1-5]\d\d)\b/gi;

/** The last status stated in `prose`, which is the one closest to what follows it. */
export function statedStatus(prose: string): number | null {
  const last = [...prose.matchAll(STATED_STATUS)].at(-1);
  return last ? Number(last[1]) : null;
}
