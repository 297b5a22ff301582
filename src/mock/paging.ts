// One page of the list, cut the way the service cuts it: newest first, and an `offset` cursor
// `<creationTime>_<id>` meaning "strictly after this record". Because the cursor names a position
// in the order rather than a count, jobs created while a client pages (which are newer) never
// shift the later pages.
import type { ExportJob, ExportJobList, ExportJobStatusFilter } from "../types.js";

export interface Cursor {
  creationTime: number;
  id: number;
}

export interface PageQuery {
  limit?: number;
  offset?: Cursor;
  status?: ExportJobStatusFilter;
}

const CURSOR = /^(\d{1,16})_(\d{1,16})$/;

export function parseCursor(text: string): Cursor | undefined {
  const match = CURSOR.exec(text);
  return match ? { creationTime: Number(match[1]), id: Number(match[2]) } : undefined;
}

export function cursorOf(job: ExportJob): string {
  return `${job.creationTime ?? 0}_${job.id}`;
}

function isAfter(job: ExportJob, cursor: Cursor): boolean {
  const time = job.creationTime ?? 0;
  return time < cursor.creationTime || (time === cursor.creationTime && job.id < cursor.id);
}

/** `newestFirst` must already be sorted newest first. */
export function listPage(newestFirst: ExportJob[], query: PageQuery): ExportJobList {
  const { limit, offset, status } = query;
  const remaining = newestFirst.filter(
    (job) => (status === undefined || job.status === status) && (offset === undefined || isAfter(job, offset)),
  );
  const records = limit === undefined ? remaining : remaining.slice(0, limit);
  const last = records.at(-1);
  const pageOffset = last ? cursorOf(last) : "";
  return {
    records,
    page: { sortField: "createdTime", sort: "desc", pageOffset, pageSize: limit ?? records.length },
    link: { next: remaining.length > records.length ? nextLink(limit!, pageOffset, status) : "" },
  };
}

// Relative to the API's base URL, with the slash after `jobs` that the service's links carry. The
// status filter travels along, or following the link would silently widen the list.
function nextLink(limit: number, offset: string, status: ExportJobStatusFilter | undefined): string {
  const query = new URLSearchParams({ limit: String(limit), offset });
  if (status !== undefined) query.set("status", status);
  return `/export/jobs/?${query}`;
}
