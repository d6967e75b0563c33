// Typed access to test/oracle/ops_app.py: the real route tree of an app in a fixture or example dir.
import { runOracle, type OracleResult } from './oracle';

export interface DumpedEndpoint {
  /** `__name__` of the function/class (class name for instances). */
  name: string;
  /** Relative to the dumped dir, "/"-separated; null when defined outside it. */
  file: string | null;
  /** What Python reports (co_firstlineno): the first decorator's line for a decorated def. 1-based. */
  line: number | null;
  /** Line of the `def`/`class` keyword. 1-based. */
  def_line: number | null;
}

export interface DumpedRoute {
  kind: 'route' | 'websocket';
  /** Route, APIRoute, WebSocketRoute, APIWebSocketRoute, or a subclass name */
  class: string;
  /** route.path as stored (include_router prefixes already applied by FastAPI) */
  path: string;
  /** path with enclosing Mount prefixes */
  full_path: string;
  path_format: string;
  params: string[];
  /** sorted; null = every method */
  methods: string[] | null;
  name: string;
  endpoint: DumpedEndpoint | null;
  include_in_schema?: boolean;
}

export interface DumpedOpaque {
  kind: 'opaque';
  class: string;
}

export interface DumpedMount {
  kind: 'mount';
  class: string;
  path: string;
  full_path: string;
  path_format: string;
  params: string[];
  name: string | null;
  app_class: string;
  redirect_slashes: boolean | null;
  children: DumpedNode[];
  /** Present when the mounted app is a FastAPI app. */
  openapi?: OpenApiDump;
}

export interface DumpedHost {
  kind: 'host';
  class: string;
  host: string;
  host_format: string;
  /** The enclosing mount prefix (hosts add none). */
  full_path: string;
  params: string[];
  name: string | null;
  app_class: string;
  children: DumpedNode[];
}

export type DumpedNode = DumpedRoute | DumpedMount | DumpedHost | DumpedOpaque;

export interface OpenApiOperation {
  path: string;
  /** lower case, as in the schema */
  method: string;
  summary: string | null;
  description: string | null;
  operationId: string | null;
  tags: string[] | null;
  deprecated: boolean | null;
}

export interface OpenApiDump {
  operations: OpenApiOperation[];
  /** e.g. "Duplicate Operation ID X for function F at FILE" */
  warnings: string[];
}

export interface AppDump {
  app_class: string;
  redirect_slashes: boolean | null;
  root_path: string | null;
  routes: DumpedNode[];
  /** null for Starlette apps and Routers */
  openapi: OpenApiDump | null;
  /** Warnings raised while importing the app (e.g. Starlette's deprecated decorators). */
  importWarnings: string[];
}

export type ImportErrorDump =
  | { raised: false }
  | { raised: true; type: string; message: string; file: string | null; line: number | null };

export interface DumpRequest {
  dir: string;
  /** "module.path:variable" */
  app: string;
}

function unwrap<T>(result: OracleResult<T>, what: string): T {
  if ('error' in result) throw new Error(`oracle ${what}: ${result.error.type}: ${result.error.message}`);
  return result.ok;
}

/** Dumps several apps in ONE oracle process (ops_app.py isolates each import). */
export function dumpApps(requests: DumpRequest[]): AppDump[] {
  const results = runOracle<Omit<AppDump, 'importWarnings'>>(requests.map((r) => ({ op: 'dump_app', dir: r.dir, app: r.app })));
  return results.map((r, i) => ({ ...unwrap(r, `dump_app ${requests[i]!.app} in ${requests[i]!.dir}`), importWarnings: r.warnings ?? [] }));
}

export function dumpApp(dir: string, appRef: string): AppDump {
  return dumpApps([{ dir, app: appRef }])[0]!;
}

/** Imports `module` from `dir` and reports the exception it raises, if any. */
export function importError(dir: string, module: string): ImportErrorDump {
  return unwrap(runOracle<ImportErrorDump>([{ op: 'import_error', dir, module }])[0]!, `import_error ${module}`);
}

/** Every route/websocket in match order, depth first, with enclosing mounts flattened away. */
export function flattenRoutes(nodes: DumpedNode[]): DumpedRoute[] {
  return nodes.flatMap((n): DumpedRoute[] => {
    if (n.kind === 'mount' || n.kind === 'host') return flattenRoutes(n.children);
    if (n.kind === 'opaque') return [];
    return [n];
  });
}
