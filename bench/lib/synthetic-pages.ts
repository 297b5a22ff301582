import type { ExportJob } from "../../src/index.js";

const FIRST_CREATION_TIME = 1_538_000_000_000;

const creationTime = (id: number) => FIRST_CREATION_TIME + id * 1000;

/**
 * A `fetch` that serves `total` jobs, newest (highest id) first, `pageSize` a page, the way the
 * API pages: `link.next` relative to the base URL carrying `<creationTime>_<id>` of the last
 * record, empty on the last page. Every job is the template with its own id and creation time.
 * `onPage` runs once per request, before the page is built.
 */
export function syntheticPages(template: ExportJob, total: number, pageSize: number, onPage: () => void): typeof fetch {
  const { id: _id, creationTime: _created, ...rest } = template;
  const tail = JSON.stringify(rest).slice(1); // the rest of the object, after its opening brace
  const record = (id: number) => `{"id":${id},"creationTime":${creationTime(id)},${tail}`;

  return async (input, init) => {
    onPage();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const offset = url.searchParams.get("offset");
    const limit = Number(url.searchParams.get("limit") ?? pageSize);
    const newest = offset ? Number(offset.split("_")[1]) - 1 : total;
    const oldest = Math.max(1, newest - limit + 1);
    const records: string[] = [];
    for (let id = newest; id >= oldest; id--) records.push(record(id));
    const next = oldest > 1 ? `/export/jobs/?limit=${limit}&offset=${creationTime(oldest)}_${oldest}` : "";
    const body =
      `{"records":[${records.join(",")}],` +
      `"page":{"sortField":"createdTime","sort":"desc","pageOffset":${JSON.stringify(offset ?? "")},"pageSize":${records.length}},` +
      `"link":{"next":${JSON.stringify(next)}}}`;
    void init;
    return new Response(newest < 1 ? `{"records":[],"page":{"pageSize":0},"link":{"next":""}}` : body, {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
}
