// From evaluated router objects to the model: served apps and their route trees in match order.
import { builtinConvertors, withCustomConvertors } from '../routing/convertors';
import type { ConvertorTable, MountNode, OpaqueApp, RouterTree, TableNode } from '../routing/types';
import type { FrameworkVersions } from '../versions';
import type { AppRef, RouteLensConfig } from '../workspace/config';
import type { SyntaxTreeCache } from '../python/treeCache';
import { Evaluator, type ModuleSource } from './evaluator';
import { RouterObject, type Entry, type FrameworkError } from './routerObject';
import { copyIncludedLazy } from './semantics';
import type { AppInfo, AppSettings, FileProblem, Unresolved } from './types';

export interface ProjectModel {
  /** Absolute path of the project (the folder holding its pyproject.toml, or the workspace root). */
  root: string;
  versions: FrameworkVersions;
  versionSources: Record<keyof FrameworkVersions, string>;
  apps: AppInfo[];
  served: AppInfo[];
  unresolved: Unresolved[];
  /** Errors the framework raises while building the app (it would not start). */
  errors: FrameworkError[];
  problems: FileProblem[];
  convertors: ConvertorTable;
  /** [tool.route-lens] of this project */
  config: RouteLensConfig;
  /** The evaluated router objects, for analyses that need the history (e.g. routes added after include). */
  routers: RouterObject[];
  /** The evaluator, for syntax trees and module lookups. */
  evaluator: Evaluator;
}

export interface ProjectInput {
  root: string;
  modules: ModuleSource[];
  versions: FrameworkVersions;
  versionSources: Record<keyof FrameworkVersions, string>;
  app?: AppRef;
  config: RouteLensConfig;
  problems: FileProblem[];
  /** Syntax trees kept between analyses (an editor's); without it every file is parsed. */
  trees?: SyntaxTreeCache;
}

const NO_DOCS: AppSettings = { docsUrl: null, openapiUrl: null, redocUrl: null, oauth2RedirectUrl: null, redirectSlashes: true, rootPath: '' };

export function analyzeProject(input: ProjectInput): ProjectModel {
  const trees = input.trees;
  const ev = new Evaluator(input.modules, input.versions, trees ? (file, text) => trees.parse(file, text) : undefined);
  ev.evaluateAll();
  const convertors = withCustomConvertors(builtinConvertors(input.versions.starlette), [...ev.convertors.values()]);
  const builder = new TreeBuilder(convertors);

  const appObjects = ev.routers.filter((r) => r.isApp && r.bindings.length > 0);
  const infoOf = new Map<RouterObject, AppInfo>();
  const apps: AppInfo[] = appObjects.map((r) => {
    const binding = r.bindings[0]!;
    const id = `${binding.module}:${binding.variable}`;
    const info: AppInfo = {
      id,
      module: binding.module,
      variable: binding.variable,
      kind: r.kind,
      span: r.span,
      settings: r.settings ?? { ...NO_DOCS, redirectSlashes: r.redirectSlashes },
      tree: builder.tree(r, id),
      mountedBy: [],
    };
    infoOf.set(r, info);
    return info;
  });
  for (const [r, info] of infoOf) {
    info.mountedBy = r.mountedBy.map((m) => infoOf.get(m)?.id ?? m.className);
  }

  const problems = [...input.problems, ...ev.problems];
  let served: AppInfo[];
  if (input.app) {
    const wanted = input.app;
    const obj = appObjects.find((r) => r.bindings.some((b) => b.module === wanted.module && b.variable === wanted.variable));
    served = obj ? [infoOf.get(obj)!] : [];
  } else {
    served = apps.filter((a) => a.mountedBy.length === 0);
  }

  return {
    root: input.root,
    versions: input.versions,
    versionSources: input.versionSources,
    apps,
    served,
    unresolved: ev.unresolved,
    errors: ev.errors,
    problems,
    convertors,
    config: input.config,
    routers: ev.routers,
    evaluator: ev,
  };
}

/** Builds RouterTrees from router objects, once per object (a shared sub-app is one tree). */
class TreeBuilder {
  private readonly trees = new Map<RouterObject, RouterTree>();

  constructor(private readonly convertors: ConvertorTable) {}

  tree(r: RouterObject, label: string): RouterTree {
    const existing = this.trees.get(r);
    if (existing) return existing;
    const tree: RouterTree = { kind: 'router', label, redirectSlashes: r.redirectSlashes, routes: [], convertors: this.convertors };
    this.trees.set(r, tree); // before the children: a cycle of mounts ends here
    const entries = this.flatten(r.entries);
    tree.routes = entries.map((e, index) => this.node(e, index, label));
    return tree;
  }

  /** Resolves lazy includes (FastAPI >= 0.137) into the entries they stand for. */
  private flatten(entries: Entry[], seen = new Set<RouterObject>()): Exclude<Entry, { kind: 'include' }>[] {
    const out: Exclude<Entry, { kind: 'include' }>[] = [];
    for (const e of entries) {
      if (e.kind !== 'include') {
        out.push(e);
        continue;
      }
      if (seen.has(e.child)) continue;
      seen.add(e.child);
      for (const inner of this.flatten(e.child.entries, seen)) out.push(copyIncludedLazy(inner, e));
      seen.delete(e.child);
    }
    return out;
  }

  private target(t: RouterObject | OpaqueApp, label: string): RouterTree | OpaqueApp {
    if (!(t instanceof RouterObject)) return t;
    const binding = t.bindings[0];
    return this.tree(t, binding ? `${binding.module}:${binding.variable}` : label);
  }

  private node(e: Exclude<Entry, { kind: 'include' }>, index: number, parentLabel: string): TableNode {
    const base = { index, span: e.span, chain: e.chain };
    switch (e.kind) {
      case 'route':
        return { ...base, kind: 'route', flavor: e.flavor, path: e.path, pathString: e.pathString, methods: e.methods, name: e.name, endpoint: e.endpoint, api: e.api };
      case 'websocket':
        return { ...base, kind: 'websocket', flavor: e.flavor === 'docs' ? 'starlette' : e.flavor, path: e.path, pathString: e.pathString, name: e.name, endpoint: e.endpoint };
      case 'mount': {
        const node: MountNode = { ...base, kind: 'mount', path: e.path, pathString: e.pathString, name: e.name, target: this.target(e.target, `${parentLabel} → Mount('${e.path}')`) };
        return node;
      }
      case 'host':
        return { ...base, kind: 'host', host: e.host, pathString: e.pathString, name: e.name, target: this.target(e.target, `${parentLabel} → Host('${e.host}')`) };
      case 'unresolved':
        return { ...base, kind: 'unresolved', what: e.what, reason: e.reason };
    }
  }
}
