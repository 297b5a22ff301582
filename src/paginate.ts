import type { ExportJobsClient } from "./client.js";
import { ExportJobsPaginationError } from "./errors.js";
import { listExportJobs, type CallOptions, type ListExportJobsQuery } from "./jobs.js";
import { positiveOption } from "./options.js";
import type { ExportJob, ExportJobList } from "./types.js";

/**
 * The query of the next page, read from `link.next`. The link may be relative to the client's
 * base URL (the API writes `/export/jobs/?limit=2&offset=…`); a link to any other origin is
 * refused, so credentials never leave the API. Only the query is taken: the next request always
 * goes to the client's own list path.
 */
export function nextPageQuery(page: ExportJobList, baseUrl: string): ListExportJobsQuery | undefined {
  const next = page.link?.next;
  if (next === undefined || next === null || next.trim() === "") return undefined;
  // Only the origin and the query are read, so the link's path needs no resolving against the base path.
  const base = new URL(baseUrl);
  const target = new URL(next, base);
  if (target.origin !== base.origin) {
    throw new ExportJobsPaginationError(
      `Refusing to follow link.next to ${target.origin}: credentials are only sent to ${base.origin}`,
    );
  }
  const params = target.searchParams;
  const offset = params.get("offset") ?? page.page?.pageOffset;
  if (!offset) throw new ExportJobsPaginationError(`link.next "${next}" carries no offset and the page has no pageOffset`);
  const query: ListExportJobsQuery = { offset };
  const limit = params.get("limit");
  if (limit !== null && /^\d+$/.test(limit)) query.limit = Number(limit);
  const status = params.get("status");
  if (status !== null) query.status = status as ListExportJobsQuery["status"];
  return query;
}

export interface IterateOptions extends CallOptions {
  /**
   * The most pages read before `ExportJobsPaginationError`, so that a server inventing new offsets
   * forever cannot keep the loop going. Default 10,000.
   */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 10_000;

/**
 * Every export job across all pages, newest first. Stops when `link.next` is empty or absent, or
 * a page is empty; throws `ExportJobsPaginationError` rather than loop when the API sends an
 * offset it already sent, or more than `maxPages` pages.
 */
export async function* iterateExportJobs(
  client: ExportJobsClient,
  query: ListExportJobsQuery = {},
  options: IterateOptions = {},
): AsyncGenerator<ExportJob, void, undefined> {
  const maxPages = positiveOption(options.maxPages, DEFAULT_MAX_PAGES, "iterateExportJobs: maxPages");
  const call: CallOptions = { signal: options.signal };
  let current: ListExportJobsQuery = { ...query };
  // The first page's own offset too, so that a link back to it is caught.
  const offsets = new Set([query.offset]);
  for (let pages = 0; ; pages++) {
    options.signal?.throwIfAborted();
    if (pages >= maxPages) {
      throw new ExportJobsPaginationError(`Stopped after ${maxPages} pages (maxPages): the API kept sending new pages`);
    }
    const page = await listExportJobs(client, current, call);
    if (page.records.length === 0) return;
    yield* page.records;
    const next = nextPageQuery(page, client.baseUrl);
    if (!next) return;
    if (offsets.has(next.offset!)) {
      throw new ExportJobsPaginationError(`The API sent offset ${next.offset} twice; stopping instead of reading the same pages again`);
    }
    offsets.add(next.offset!);
    current = { ...current, ...next };
  }
}
