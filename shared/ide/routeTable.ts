// The route table as a JSON-able tree (apps → mounts/hosts → routes, in match order) for the
// Routes view and the "Show Route Table" command.
import type { Span } from '../model/span';
import type { AppKind } from '../model/types';
import type { RouterTree, TableNode } from '../routing/types';
import { formatVersion } from '../versions';
import type { WorkspaceModel } from '../workspace/loadWorkspace';
import { describeNode } from './describe';
import { appsInOrder, projectOfApp, shadowFindings } from './routeEntries';

export interface RouteTableNode {
  kind: TableNode['kind'];
  /** Position in match order ("3", "5.1" inside a mount). */
  order: string;
  /** e.g. "GET,HEAD /items/{id}" */
  label: string;
  methods: string[] | null;
  fullPath: string;
  name: string | null;
  flavor?: string;
  handler?: string;
  /** Where "open" goes: the handler, else the declaration. */
  span?: Span;
  /** Why no request reaches it (the shadowed-route finding), when that is so. */
  shadowed?: string;
  note?: string;
  children?: RouteTableNode[];
}

export interface RouteTableApp {
  id: string;
  kind: AppKind;
  served: boolean;
  span: Span;
  versions: string;
  routes: RouteTableNode[];
}

export interface RouteTable {
  root: string;
  apps: RouteTableApp[];
  unresolved: { what: string; reason: string; span: Span }[];
}

export function routeTable(model: WorkspaceModel): RouteTable {
  const served = new Set(model.served.map((a) => a.tree));
  const apps = appsInOrder(model).map((app): RouteTableApp => {
    const project = projectOfApp(model, app);
    const v = project?.versions;
    const shadows = shadowFindings(app.tree);
    return {
      id: app.id,
      kind: app.kind,
      served: served.has(app.tree),
      span: app.span,
      versions: v ? `FastAPI ${formatVersion(v.fastapi)}, Starlette ${formatVersion(v.starlette)}, Python ${formatVersion(v.python)}` : '',
      routes: nodesOf(app.tree, '', '', (node) => {
        const f = shadows.get(node);
        if (!f) return undefined;
        return `${f.methods === 'all' ? 'never reached' : `${f.methods.join(', ')} never reached`}: ${describeNode(f.takenBy, f.mountPrefix)} takes ${f.mountPrefix}${f.example} first`;
      }, new Set()),
    };
  });
  return { root: model.root, apps, unresolved: model.unresolved.map((u) => ({ what: u.what, reason: u.reason, span: u.span })) };
}

type ShadowText = (node: TableNode) => string | undefined;

function nodesOf(tree: RouterTree, prefix: string, orderPrefix: string, shadowed: ShadowText, seen: Set<RouterTree>): RouteTableNode[] {
  if (seen.has(tree)) return [];
  seen.add(tree);
  const out: RouteTableNode[] = [];
  for (const node of tree.routes) {
    const order = `${orderPrefix}${node.index}`;
    const item: RouteTableNode = { kind: node.kind, order, label: '', methods: [], fullPath: '', name: null };
    const shadow = shadowed(node);
    if (shadow) item.shadowed = shadow;
    switch (node.kind) {
      case 'route':
      case 'websocket': {
        item.fullPath = prefix + node.path;
        item.methods = node.kind === 'route' ? node.methods : [];
        item.label = node.kind === 'route' ? `${node.methods === null || node.methods.length === 0 ? '*' : node.methods.join(',')} ${item.fullPath}` : `WS ${item.fullPath}`;
        item.name = node.name;
        item.flavor = node.flavor;
        if (node.endpoint) item.handler = node.endpoint.name;
        const span = node.endpoint?.nameSpan ?? node.endpoint?.span ?? node.span;
        if (span) item.span = span;
        break;
      }
      case 'mount':
      case 'host': {
        item.fullPath = node.kind === 'mount' ? prefix + node.path : `//${node.host}${prefix}`;
        item.label = node.kind === 'mount' ? `MOUNT ${item.fullPath}` : `HOST ${node.host}`;
        item.name = node.name;
        if (node.span) item.span = node.span;
        if (node.target.kind === 'opaque') item.note = `${node.target.label}: ${node.target.reason}`;
        else item.children = nodesOf(node.target, node.kind === 'mount' ? prefix + node.path : prefix, `${order}.`, shadowed, seen);
        break;
      }
      case 'unresolved':
        item.label = `? ${node.what}`;
        item.note = node.reason;
        if (node.span) item.span = node.span;
        break;
    }
    out.push(item);
  }
  seen.delete(tree);
  return out;
}
