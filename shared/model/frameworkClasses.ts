// The FastAPI/Starlette names the engine models, by the module that really defines or
// re-exports them. A name is only treated as FastAPI's APIRouter when it resolves here.

export type FrameworkClassKind =
  | 'FastAPI'
  | 'Starlette'
  | 'APIRouter'
  | 'Router'
  | 'Route'
  | 'APIRoute'
  | 'WebSocketRoute'
  | 'APIWebSocketRoute'
  | 'Mount'
  | 'Host'
  | 'StaticFiles'
  | 'Convertor'
  | 'register_url_convertor'
  | 'HTTPEndpoint'
  | 'WebSocketEndpoint';

export interface FrameworkClass {
  kind: FrameworkClassKind;
  qualname: string;
}

const DEFINED_IN: Record<FrameworkClassKind, string> = {
  FastAPI: 'fastapi.applications',
  Starlette: 'starlette.applications',
  APIRouter: 'fastapi.routing',
  Router: 'starlette.routing',
  Route: 'starlette.routing',
  APIRoute: 'fastapi.routing',
  WebSocketRoute: 'starlette.routing',
  APIWebSocketRoute: 'fastapi.routing',
  Mount: 'starlette.routing',
  Host: 'starlette.routing',
  StaticFiles: 'starlette.staticfiles',
  Convertor: 'starlette.convertors',
  register_url_convertor: 'starlette.convertors',
  HTTPEndpoint: 'starlette.endpoints',
  WebSocketEndpoint: 'starlette.endpoints',
};

/** module -> exported name -> class. Includes the re-exports users import from. */
const EXPORTS = new Map<string, Map<string, FrameworkClassKind>>();

function exportFrom(module: string, kinds: FrameworkClassKind[]): void {
  const names = EXPORTS.get(module) ?? new Map<string, FrameworkClassKind>();
  for (const k of kinds) names.set(k, k);
  EXPORTS.set(module, names);
}

for (const [kind, module] of Object.entries(DEFINED_IN) as [FrameworkClassKind, string][]) exportFrom(module, [kind]);
exportFrom('fastapi', ['FastAPI', 'APIRouter']);
exportFrom('fastapi.routing', ['Mount']);
exportFrom('fastapi.staticfiles', ['StaticFiles']);
exportFrom('starlette.routing', ['Convertor']);
exportFrom('fastapi.applications', ['Starlette']);

export function frameworkExport(module: string, name: string): FrameworkClass | undefined {
  const kind = EXPORTS.get(module)?.get(name);
  return kind ? { kind, qualname: `${DEFINED_IN[kind]}.${kind}` } : undefined;
}

/** Is this a module of the frameworks (or one of their submodules) the engine knows about? */
export function isFrameworkModule(module: string): boolean {
  return EXPORTS.has(module);
}

export function isFrameworkPackage(module: string): boolean {
  return module === 'fastapi' || module === 'starlette' || module.startsWith('fastapi.') || module.startsWith('starlette.');
}
