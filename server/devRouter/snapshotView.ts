// Per-snapshot data the responses need (the chosen app, its project, line numbers), computed
// once per snapshot and kept with it, so every request reads one consistent view.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo, ProjectModel } from '../../shared/engine';
import { LineIndex, type Span } from '../../shared/model/span';
import type { RouterTree, TableNode } from '../../shared/routing/types';
import { selectApp, type AppChoice } from './selectApp';
import type { DevRouterSnapshot } from './types';

export interface Location {
  file: string;
  line: number;
}

export interface SnapshotView {
  snapshot: DevRouterSnapshot;
  generation: number;
  choice: AppChoice;
  project: ProjectModel | undefined;
  locate(span: Span | undefined): Location | undefined;
  /** Lazily computed, cached (the HTML page and routes.json share them). */
  cache: Map<string, unknown>;
}

const views = new WeakMap<DevRouterSnapshot, Map<string, SnapshotView>>();

export function viewOf(snapshot: DevRouterSnapshot, wantedApp: string | undefined): SnapshotView {
  let byApp = views.get(snapshot);
  if (!byApp) views.set(snapshot, (byApp = new Map()));
  const key = wantedApp ?? '';
  let view = byApp.get(key);
  if (!view) byApp.set(key, (view = makeView(snapshot, wantedApp)));
  return view;
}

function makeView(snapshot: DevRouterSnapshot, wantedApp: string | undefined): SnapshotView {
  const choice = selectApp(snapshot.workspace, wantedApp);
  const project = choice.ok ? projectOf(snapshot, choice.app) : undefined;
  const indexes = new Map<string, LineIndex | null>();
  const root = snapshot.workspace.root;
  const lineIndex = (file: string): LineIndex | null => {
    let idx = indexes.get(file);
    if (idx === undefined) {
      let text = snapshot.files?.get(file);
      if (text === undefined) {
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          /* deleted since */
        }
      }
      idx = text === undefined ? null : new LineIndex(text);
      indexes.set(file, idx);
    }
    return idx;
  };
  return {
    snapshot,
    generation: snapshot.generation ?? 0,
    choice,
    project,
    locate(span) {
      if (!span) return undefined;
      const idx = lineIndex(span.file);
      const rel = path.relative(root, span.file).split(path.sep).join('/');
      return { file: rel, line: idx ? idx.position(span.start).line + 1 : 0 };
    },
    cache: new Map(),
  };
}

function projectOf(snapshot: DevRouterSnapshot, app: AppInfo): ProjectModel | undefined {
  return snapshot.workspace.projects.find((p) => p.apps.some((a) => a.tree === app.tree));
}

export function cached<T>(view: SnapshotView, key: string, make: () => T): T {
  if (!view.cache.has(key)) view.cache.set(key, make());
  return view.cache.get(key) as T;
}

/**
 * Where each node sits in the served app: its index in its router's list, preceded by the
 * indexes of the enclosing mounts/hosts ("19/3" = entry 3 of the app mounted at entry 19).
 */
export function positionOf(view: SnapshotView, node: TableNode): string | undefined {
  if (!view.choice.ok) return undefined;
  const tree = view.choice.app.tree;
  const positions = cached(view, 'positions', () => {
    const map = new Map<TableNode, string>();
    const walk = (t: RouterTree, prefix: string, seen: Set<RouterTree>) => {
      if (seen.has(t)) return;
      seen.add(t);
      t.routes.forEach((n, i) => {
        if (!map.has(n)) map.set(n, prefix + i);
        if ((n.kind === 'mount' || n.kind === 'host') && n.target.kind === 'router') walk(n.target, `${prefix}${i}/`, seen);
      });
      seen.delete(t);
    };
    walk(tree, '', new Set());
    return map;
  });
  return positions.get(node);
}
