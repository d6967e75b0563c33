// /_route_lens/routes.json: the served app's table in match order, with the shadowing and
// unresolved notes the HTML page shows.
import { findShadowedRoutes, type ShadowFinding } from '../../shared/analysis/shadowing';
import type { RouterTree, TableNode } from '../../shared/routing/types';
import { cached, type Location, type SnapshotView } from './snapshotView';

export interface RouteEntry {
  kind: TableNode['kind'];
  /** Full template: enclosing mount paths + the entry's path (hosts shown as "host:NAME"). */
  fullPath: string;
  name: string | null;
  methods?: string[] | null;
  handler?: { name: string; location?: Location } | null;
  declared?: Location;
  /** Mounted apps Route Lens cannot see into. */
  opaque?: { label: string; reason: string };
  unresolved?: { what: string; reason: string };
  shadowed?: { methods: string[] | 'all'; takenBy: string; example: string }[];
  /** Nesting depth (0 = the app's own router). */
  depth: number;
}

export interface RouteListing {
  app: string | null;
  generation: number;
  error?: string;
  apps: string[];
  routes: RouteEntry[];
  unresolved: { what: string; reason: string; location?: Location }[];
  frameworkErrors: { exception: string; message: string; location?: Location }[];
  shadowingError?: string;
}

function shadowFindings(view: SnapshotView, tree: RouterTree): { findings: ShadowFinding[]; error?: string } {
  return cached(view, 'shadowing', () => {
    try {
      return { findings: findShadowedRoutes(tree) };
    } catch (e) {
      return { findings: [], error: e instanceof Error ? e.message : String(e) };
    }
  });
}

function label(node: TableNode): string {
  if (node.kind === 'host') return `${node.name ?? 'Host'} ${node.host}`;
  if (node.kind === 'unresolved') return node.what;
  return `${node.name ?? node.kind} ${node.path}`;
}

export function routeListing(view: SnapshotView): RouteListing {
  return cached(view, 'routes', () => buildListing(view));
}

function buildListing(view: SnapshotView): RouteListing {
  const { workspace } = view.snapshot;
  const base = {
    generation: view.generation,
    apps: workspace.apps.map((a) => a.id),
    unresolved: workspace.unresolved.map((u) => ({ what: u.what, reason: u.reason, location: view.locate(u.span) })),
    frameworkErrors: workspace.projects.flatMap((p) => p.errors.map((e) => ({ exception: e.exception, message: e.message, location: view.locate(e.span) }))),
  };
  if (!view.choice.ok) return { ...base, app: null, error: view.choice.message, routes: [] };
  const tree = view.choice.app.tree;
  const { findings, error } = shadowFindings(view, tree);
  const byNode = new Map<TableNode, ShadowFinding[]>();
  for (const f of findings) byNode.set(f.node, [...(byNode.get(f.node) ?? []), f]);
  const routes: RouteEntry[] = [];
  const walk = (t: RouterTree, prefix: string, depth: number, seen: Set<RouterTree>) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const node of t.routes) {
      const entry = entryFor(view, node, prefix, depth);
      const shadows = byNode.get(node);
      if (shadows) entry.shadowed = shadows.map((s) => ({ methods: s.methods, takenBy: label(s.takenBy), example: s.mountPrefix + s.example }));
      routes.push(entry);
      if ((node.kind === 'mount' || node.kind === 'host') && node.target.kind === 'router') {
        walk(node.target, node.kind === 'mount' ? prefix + node.path : prefix, depth + 1, seen);
      }
    }
    seen.delete(t);
  };
  walk(tree, '', 0, new Set());
  return { ...base, app: view.choice.app.id, routes, ...(error ? { shadowingError: error } : {}) };
}

function entryFor(view: SnapshotView, node: TableNode, prefix: string, depth: number): RouteEntry {
  const declared = view.locate(node.span);
  switch (node.kind) {
    case 'route':
    case 'websocket':
      return {
        kind: node.kind,
        fullPath: prefix + node.path,
        name: node.name,
        methods: node.kind === 'route' ? node.methods : undefined,
        handler: node.endpoint ? { name: node.endpoint.name, location: view.locate(node.endpoint.nameSpan ?? node.endpoint.span) } : null,
        declared,
        depth,
      };
    case 'mount':
      return {
        kind: 'mount',
        fullPath: prefix + node.path,
        name: node.name,
        declared,
        depth,
        ...(node.target.kind === 'opaque' ? { opaque: { label: node.target.label, reason: node.target.reason } } : {}),
      };
    case 'host':
      return {
        kind: 'host',
        fullPath: `${prefix} host:${node.host}`.trim(),
        name: node.name,
        declared,
        depth,
        ...(node.target.kind === 'opaque' ? { opaque: { label: node.target.label, reason: node.target.reason } } : {}),
      };
    case 'unresolved':
      return { kind: 'unresolved', fullPath: prefix, name: null, declared, depth, unresolved: { what: node.what, reason: node.reason } };
  }
}
