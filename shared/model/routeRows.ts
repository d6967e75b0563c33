// The route table as rows, mounts expanded, in match order: what `route-lens routes`, the
// Routes view and the dev router's routes.json show.
import type { AppInfo } from './types';
import type { RouterTree, TableNode } from '../routing/types';
import type { Span } from './span';

export interface RouteRow {
  /** Position in match order, e.g. "12" or "12.4" inside a mount. */
  order: string;
  depth: number;
  kind: TableNode['kind'];
  /** 'api' | 'starlette' | 'docs' for routes */
  flavor?: string;
  /** Upper-case methods; null = every method. Empty for mounts/hosts/unresolved. */
  methods: string[] | null;
  /** Full template, enclosing Mount prefixes included (a Host shows as its host pattern). */
  fullPath: string;
  name: string | null;
  handler?: { name: string; span?: Span };
  /** Opaque mounted app, unresolved reason, ... */
  note?: string;
  node: TableNode;
}

export function routeRows(app: AppInfo): RouteRow[] {
  const rows: RouteRow[] = [];
  walk(app.tree, '', '', 0, rows, new Set());
  return rows;
}

function walk(tree: RouterTree, prefix: string, orderPrefix: string, depth: number, rows: RouteRow[], seen: Set<RouterTree>): void {
  if (seen.has(tree)) return;
  seen.add(tree);
  for (const node of tree.routes) {
    const order = `${orderPrefix}${node.index}`;
    const base = { order, depth, kind: node.kind, node };
    switch (node.kind) {
      case 'route':
        rows.push({ ...base, flavor: node.flavor, methods: node.methods, fullPath: prefix + node.path, name: node.name, handler: node.endpoint ? { name: node.endpoint.name, span: node.endpoint.nameSpan ?? node.endpoint.span } : undefined });
        break;
      case 'websocket':
        rows.push({ ...base, flavor: node.flavor, methods: [], fullPath: prefix + node.path, name: node.name, handler: node.endpoint ? { name: node.endpoint.name, span: node.endpoint.nameSpan ?? node.endpoint.span } : undefined });
        break;
      case 'mount':
        rows.push({ ...base, methods: [], fullPath: prefix + node.path, name: node.name, note: node.target.kind === 'opaque' ? `${node.target.label}: ${node.target.reason}` : `mounts ${node.target.label}` });
        if (node.target.kind === 'router') walk(node.target, prefix + node.path, `${order}.`, depth + 1, rows, seen);
        break;
      case 'host':
        rows.push({ ...base, methods: [], fullPath: `//${node.host}${prefix}`, name: node.name, note: node.target.kind === 'opaque' ? `${node.target.label}: ${node.target.reason}` : `host ${node.host}` });
        if (node.target.kind === 'router') walk(node.target, prefix, `${order}.`, depth + 1, rows, seen);
        break;
      case 'unresolved':
        rows.push({ ...base, methods: [], fullPath: '?', name: null, note: `unresolved ${node.what}: ${node.reason}` });
        break;
    }
  }
  seen.delete(tree);
}
