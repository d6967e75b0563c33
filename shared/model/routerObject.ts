// Mutable router objects built while evaluating the workspace: FastAPI/Starlette apps, APIRouter,
// Router. Their methods follow the frameworks' own: APIRouter.add_api_route applies the router's
// prefix, include_router copies routes at call time (FastAPI < 0.137) or links lazily (>= 0.137).
import type {
  ApiRouteInfo,
  DeclarationStep,
  EndpointRef,
  OpaqueApp,
  StringWithMap,
} from '../routing/types';
import type { AppKind, AppSettings } from './types';
import type { Span } from './span';

export interface RouteDeclaration {
  kind: 'route' | 'websocket';
  flavor: 'api' | 'starlette' | 'docs';
  path: string;
  /** The route's own path literal (before prefixes), for diagnostics inside the string. */
  pathString?: StringWithMap;
  methods: string[] | null;
  name: string;
  endpoint: EndpointRef | null;
  api?: ApiRouteInfo;
  include_in_schema: boolean;
  span: Span;
  chain: DeclarationStep[];
}

export interface MountDeclaration {
  kind: 'mount';
  path: string;
  pathString?: StringWithMap;
  name: string | null;
  target: RouterObject | OpaqueApp;
  span: Span;
  chain: DeclarationStep[];
}

export interface HostDeclaration {
  kind: 'host';
  host: string;
  pathString?: StringWithMap;
  name: string | null;
  target: RouterObject | OpaqueApp;
  span: Span;
  chain: DeclarationStep[];
}

export interface UnresolvedDeclaration {
  kind: 'unresolved';
  what: string;
  reason: string;
  span: Span;
  chain: DeclarationStep[];
}

/** A lazy include (FastAPI >= 0.137): resolved when the table is built. */
export interface IncludeDeclaration {
  kind: 'include';
  child: RouterObject;
  parentPrefix: string;
  parentTags: string[];
  parentDeprecated: boolean;
  parentIncludeInSchema: boolean;
  prefix: string;
  tags: string[];
  deprecated: boolean;
  includeInSchema: boolean;
  span: Span;
  chain: DeclarationStep[];
}

export type Entry = RouteDeclaration | MountDeclaration | HostDeclaration | UnresolvedDeclaration | IncludeDeclaration;

/** An error the framework raises while the app is being built (the app would not start). */
export interface FrameworkError {
  span: Span;
  exception: string;
  message: string;
  /** e.g. 'prefix', 'route-path', 'mount-path' */
  topic: string;
}

export interface IncludeRecord {
  parent: RouterObject;
  span: Span;
  /** How many entries the child had when it was included (routes after that are copies' misses). */
  entriesAtInclude: number;
  /** FastAPI < 0.137 copies routes at the include call. */
  copied: boolean;
}

let nextRouterId = 1;

export class RouterObject {
  readonly id = nextRouterId++;
  entries: Entry[] = [];
  prefix = '';
  prefixString?: StringWithMap;
  /** Set when prefix= is not a constant: API routes added to this router cannot be placed. */
  prefixUnknown?: string;
  tags: string[] = [];
  deprecated = false;
  includeInSchema = true;
  redirectSlashes = true;
  /** dependencies=[...] given to the router (they may consume path params) */
  hasDependencies = false;
  settings?: AppSettings;
  includedInto: IncludeRecord[] = [];
  /** Module-level names bound to this object, in binding order: [module, variable]. */
  bindings: { module: string; variable: string }[] = [];
  mountedBy: RouterObject[] = [];
  /** Set for the RouterObject that stands for `app.router` of an app: the app itself. */
  readonly label: string;

  constructor(
    readonly kind: AppKind,
    readonly span: Span,
    readonly className: string,
  ) {
    this.label = className;
  }

  get isApp(): boolean {
    return this.kind === 'fastapi' || this.kind === 'starlette' || this.kind === 'router';
  }
}
