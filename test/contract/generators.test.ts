// The published description is also fed to other code generators, and their output must compile.
// Each generator derives type names from the operationIds (orval's axios client declares
// `<OperationId>Result`, hey-api declares `<OperationId>Data`, `<OperationId>Responses`, …), so a
// schema named like one of them breaks orval's output with a duplicate identifier, or makes
// hey-api quietly number its own type (`CreateExportJobData2`). Every output is written to a
// temporary folder and checked by one TypeScript program with this project's compiler options.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { createClient } from "@hey-api/openapi-ts";
import { generate } from "orval";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DESCRIPTION = resolve("dist/openapi.json");
const schemaNames = Object.keys(JSON.parse(readFileSync(DESCRIPTION, "utf8")).components.schemas as object);

interface CodeGenerator {
  name: string;
  folder: string;
  /** The module whose exports a user imports the types from. */
  entry: string;
  run(dir: string): Promise<unknown>;
}

const GENERATORS: CodeGenerator[] = [
  {
    name: "@hey-api/openapi-ts, fetch client",
    folder: "hey-api-fetch",
    entry: "index.ts",
    run: (dir) => createClient({ input: DESCRIPTION, output: { path: dir }, logs: { level: "silent", file: false } }),
  },
  {
    name: "orval, fetch client",
    folder: "orval-fetch",
    entry: "api.ts",
    run: (dir) => generate({ input: { target: DESCRIPTION }, output: { target: join(dir, "api.ts"), client: "fetch" } }),
  },
  {
    name: "orval, axios client",
    folder: "orval-axios",
    entry: "api.ts",
    run: (dir) => generate({ input: { target: DESCRIPTION }, output: { target: join(dir, "api.ts"), client: "axios" } }),
  },
];

// axios is not a dependency of this package, so orval's axios output is checked against the part
// of axios's declarations that it uses, with axios 1.x's signatures: the result type of a request
// is a type parameter that the caller's declared return type decides, as in axios itself.
const AXIOS_DECLARATION = `declare module "axios" {
  export interface AxiosRequestConfig<D = any> {
    url?: string;
    method?: string;
    baseURL?: string;
    headers?: Record<string, string | number | boolean>;
    params?: any;
    data?: D;
    timeout?: number;
    signal?: AbortSignal;
  }
  export interface AxiosResponse<T = any, D = any> {
    data: T;
    status: number;
    statusText: string;
    headers: Record<string, string>;
    config: AxiosRequestConfig<D>;
    request?: any;
  }
  export interface AxiosInstance {
    request<T = any, R = AxiosResponse<T>, D = any>(config: AxiosRequestConfig<D>): Promise<R>;
    get<T = any, R = AxiosResponse<T>, D = any>(url: string, config?: AxiosRequestConfig<D>): Promise<R>;
    delete<T = any, R = AxiosResponse<T>, D = any>(url: string, config?: AxiosRequestConfig<D>): Promise<R>;
    head<T = any, R = AxiosResponse<T>, D = any>(url: string, config?: AxiosRequestConfig<D>): Promise<R>;
    options<T = any, R = AxiosResponse<T>, D = any>(url: string, config?: AxiosRequestConfig<D>): Promise<R>;
    post<T = any, R = AxiosResponse<T>, D = any>(url: string, data?: D, config?: AxiosRequestConfig<D>): Promise<R>;
    put<T = any, R = AxiosResponse<T>, D = any>(url: string, data?: D, config?: AxiosRequestConfig<D>): Promise<R>;
    patch<T = any, R = AxiosResponse<T>, D = any>(url: string, data?: D, config?: AxiosRequestConfig<D>): Promise<R>;
  }
  const axios: AxiosInstance;
  export default axios;
}
`;

/** The project's compiler options, so that generated code meets the same strictness as ours. */
function projectCompilerOptions(): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(resolve("tsconfig.json"), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  // Without Node's types: these clients run in browsers too, on the DOM's fetch.
  const { options, errors } = ts.convertCompilerOptionsFromJson({ ...config.compilerOptions, types: [], noEmit: true }, process.cwd());
  if (errors.length > 0) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, "\n")).join("\n"));
  return options;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file));
}

interface Checked {
  /** Diagnostics per generator folder, as `file(line,column): TSxxxx message`. */
  errors: Map<string, string[]>;
  exports: Map<string, string[]>;
}

function typeCheck(root: string): Checked {
  const program = ts.createProgram({ rootNames: typeScriptFiles(root), options: projectCompilerOptions() });
  const errors = new Map<string, string[]>(GENERATORS.map((g) => [g.folder, []]));
  const unattributed: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file) {
      unattributed.push(`TS${diagnostic.code} ${message}`);
      continue;
    }
    const path = relative(root, diagnostic.file.fileName);
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const text = `${path}(${line + 1},${character + 1}): TS${diagnostic.code} ${message}`;
    const folder = errors.get(path.split(sep)[0]!);
    if (folder) folder.push(text);
    else unattributed.push(text);
  }
  if (unattributed.length > 0) throw new Error(`The check itself does not compile:\n${unattributed.join("\n")}`);

  const checker = program.getTypeChecker();
  const exports = new Map(
    GENERATORS.map((g) => {
      const source = program.getSourceFile(join(root, g.folder, g.entry));
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      if (!moduleSymbol) throw new Error(`${g.name} wrote no ${g.entry}`);
      return [g.folder, checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.name)];
    }),
  );
  return { errors, exports };
}

/** Names a generator numbered because it had already used them (hey-api appends 2, 3, …). */
function numberedDuplicates(names: string[]): string[] {
  const all = new Set(names);
  return names.filter((name) => {
    const match = /^(.*[A-Za-z])([2-9])$/.exec(name);
    return match !== null && all.has(match[1]!);
  });
}

describe("the description through other code generators", () => {
  let root = "";
  let checked: Checked;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "aep-generators-"));
    // As in an ESM project: under NodeNext, the outputs' relative imports are then checked as ES imports.
    writeFileSync(join(root, "package.json"), JSON.stringify({ private: true, type: "module" }));
    writeFileSync(join(root, "axios.d.ts"), AXIOS_DECLARATION);
    for (const generator of GENERATORS) {
      const dir = join(root, generator.folder);
      mkdirSync(dir);
      await generator.run(dir);
    }
    checked = typeCheck(root);
  }, 90_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  describe.each(GENERATORS.map((g) => [g.name, g] as const))("%s", (_, generator) => {
    it("compiles under the project's strict compiler options", () => {
      expect(checked.errors.get(generator.folder)).toEqual([]);
    });

    it("exports every schema under its own name, and numbers none of its names", () => {
      const exported = checked.exports.get(generator.folder)!;
      expect(schemaNames.filter((name) => !exported.includes(name))).toEqual([]);
      expect(numberedDuplicates(exported)).toEqual([]);
    });
  });
});
