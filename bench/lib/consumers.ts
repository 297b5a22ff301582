// The same small program (create, retrieve, list, cancel) written against each client, for the
// type-check comparisons. Kept as text: the files they import exist only once a run has made them.

const createBody = `{
    destination: { datasetId: "5b7c86968f7b6501e21ba9df", segmentPerBatch: false },
    schema: { name: "_xdm.context.profile" },
    fields: "identities.id,personalEmail.address",
    filter: { segments: [{ segmentId: "52c26d0d-45f2-47a2-ab30-ed06abc981ff", segmentNs: "ups", status: ["realized"] }] },
  }`;

const exercise = (calls: { create: string; retrieve: string; list: string; cancel: string }) => `
export async function exerciseEveryOperation(): Promise<string[]> {
  const created = await ${calls.create};
  if (!created.data) throw new Error(\`create failed with HTTP \${created.response.status}\`);
  const id = created.data.id;
  const retrieved = await ${calls.retrieve};
  const job: ExportJob | undefined = retrieved.data;
  const listed = await ${calls.list};
  const lines: string[] = [];
  for (const record of listed.data?.records ?? []) {
    lines.push(\`\${record.id} \${record.status} \${record.destination?.datasetId ?? ""} \${record.creationTime ?? 0}\`);
  }
  const cancelled = await ${calls.cancel};
  lines.push(\`\${job?.status ?? "unknown"}, cancel answered \${cancelled.response.status}\`);
  return lines;
}
`;

const clientOptions = `{ accessToken: "token", apiKey: "api-key", orgId: "ORG@AdobeOrg", sandboxName: "prod" }`;

const openapiFetchCalls = {
  create: `client.POST("/export/jobs", { body: ${createBody} })`,
  retrieve: `client.GET("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } } })`,
  list: `client.GET("/export/jobs", { params: { query: { limit: 10, status: "SUCCEEDED" } } })`,
  cancel: `client.DELETE("/export/jobs/{EXPORT_JOB_ID}", { params: { path: { EXPORT_JOB_ID: id } } })`,
};

/** Against our package's declarations, through its typed openapi-fetch client. */
export function oursConsumer(packageEntry: string): string {
  return `import { createExportJobsClient, type ExportJob } from "${packageEntry}";

const client = createExportJobsClient(${clientOptions});
${exercise(openapiFetchCalls)}`;
}

/** The same program with nothing typed: what the types above cost is the difference. */
export function untypedConsumer(): string {
  return `declare function createExportJobsClient(options: object): any;
type ExportJob = any;

const client = createExportJobsClient(${clientOptions});
${exercise(openapiFetchCalls)}`;
}

/** Against the SDK that @hey-api/openapi-ts generated, through its SDK functions. */
export function heyApiConsumer(sdkEntry: string, clientEntry: string): string {
  return `import { createClient, createConfig } from "${clientEntry}";
import { cancelExportJob, createExportJob, listExportJobs, retrieveExportJob, type ExportJob } from "${sdkEntry}";

const client = createClient(
  createConfig({
    baseUrl: "https://platform.adobe.io/data/core/ups",
    headers: { Authorization: "Bearer token", "x-api-key": "api-key", "x-gw-ims-org-id": "ORG@AdobeOrg", "x-sandbox-name": "prod" },
  }),
);
${exercise({
  create: `createExportJob({ client, body: ${createBody} })`,
  retrieve: `retrieveExportJob({ client, path: { EXPORT_JOB_ID: id } })`,
  list: `listExportJobs({ client, query: { limit: 10, status: "SUCCEEDED" } })`,
  cancel: `cancelExportJob({ client, path: { EXPORT_JOB_ID: id } })`,
})}`;
}
