// Every route-table entry of a workspace with the app it is served in, its full path and
// whether it is shadowed: the index the editor features (hover, symbols, Routes view) search.
import path from 'node:path';
import { findShadowedRoutes, type ShadowFinding } from '../analysis/shadowing';
import type { ProjectModel } from '../model/buildModel';
import { routeRows, type RouteRow } from '../model/routeRows';
import type { Span } from '../model/span';
import type { AppInfo } from '../model/types';
import type { RouterTree, TableNode } from '../routing/types';
import type { WorkspaceModel } from '../workspace/loadWorkspace';

export interface RouteEntry {
  app: AppInfo;
  project: ProjectModel;
  row: RouteRow;
  node: TableNode;
  /** Present when no request ever reaches the entry (or some of its methods). */
  shadow?: ShadowFinding;
}

const shadowCache = new WeakMap<RouterTree, Map<TableNode, ShadowFinding>>();

/** Shadow findings of an app's tree by node; computed once per tree (trees are immutable). */
export function shadowFindings(tree: RouterTree): Map<TableNode, ShadowFinding> {
  let byNode = shadowCache.get(tree);
  if (!byNode) {
    byNode = new Map();
    try {
      for (const f of findShadowedRoutes(tree)) if (!byNode.has(f.node)) byNode.set(f.node, f);
    } catch {
      // An analysis failure must not take hover or the Routes view down with it.
    }
    shadowCache.set(tree, byNode);
  }
  return byNode;
}

export function projectOfApp(model: WorkspaceModel, app: AppInfo): ProjectModel | undefined {
  return model.projects.find((p) => p.apps.some((a) => a.tree === app.tree));
}

/** The project a file belongs to: the deepest project root holding it. */
export function projectOfFile(model: WorkspaceModel, file: string): ProjectModel | undefined {
  let best: ProjectModel | undefined;
  for (const p of model.projects) {
    if ((file === p.root || file.startsWith(p.root + path.sep)) && (!best || p.root.length > best.root.length)) best = p;
  }
  return best;
}

/** Served apps first (their trees include what they mount), then apps nobody serves. */
export function appsInOrder(model: WorkspaceModel): AppInfo[] {
  const served = new Set(model.served.map((a) => a.tree));
  return [...model.served, ...model.apps.filter((a) => !served.has(a.tree))];
}

const entryCache = new WeakMap<WorkspaceModel, RouteEntry[]>();

/**
 * Entries of every app, in match order. A node reached through several apps (a sub-app that is
 * also served on its own, a router included twice) appears once per app.
 */
export function routeEntries(model: WorkspaceModel): RouteEntry[] {
  const cached = entryCache.get(model);
  if (cached) return cached;
  const entries: RouteEntry[] = [];
  for (const app of appsInOrder(model)) {
    const project = projectOfApp(model, app);
    if (!project) continue;
    const shadows = shadowFindings(app.tree);
    for (const row of routeRows(app)) {
      const shadow = shadows.get(row.node);
      entries.push({ app, project, row, node: row.node, ...(shadow ? { shadow } : {}) });
    }
  }
  entryCache.set(model, entries);
  return entries;
}

export function contains(span: Span | undefined, file: string, offset: number): span is Span {
  return !!span && span.file === file && span.start <= offset && offset <= span.end;
}

/** Where an entry is best shown: its handler's name, else its declaration. */
export function entryLocation(entry: RouteEntry): Span | undefined {
  const node = entry.node;
  if ((node.kind === 'route' || node.kind === 'websocket') && node.endpoint) return node.endpoint.nameSpan ?? node.endpoint.span ?? node.span;
  return node.pathString?.span ?? node.span;
}
