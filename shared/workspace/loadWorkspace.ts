// Reads a workspace folder into projects and analyses each one. A project is a folder with its
// own pyproject.toml (its own sys.path root, versions and settings); a workspace may hold several
// (the bundled examples/ does). Files outside every project belong to the workspace root.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeProject, type ProjectModel } from '../model/buildModel';
import type { ModuleSource } from '../model/evaluator';
import type { SyntaxTreeCache } from '../python/treeCache';
import type { AppInfo, FileProblem, Unresolved } from '../model/types';
import type { FrameworkVersions, Version } from '../versions';
import { readConfig, type AppRef } from './config';
import { readWorkspaceFiles } from './files';
import { importRoots, isPackageFile, moduleNameFor } from './modules';
import { detectVersions } from './versions';

export interface WorkspaceOptions {
  /** uvicorn-style app selection; overrides [tool.route-lens] app */
  app?: AppRef;
  /** explicit framework/Python versions (override detection) */
  versions?: Partial<FrameworkVersions>;
  /** Unsaved editor buffers: absolute path → text; they replace what is on disk. */
  overlays?: ReadonlyMap<string, string>;
  /**
   * Syntax trees kept between analyses: unchanged files are not re-parsed. The caller calls
   * `trees.commit()` once the previous model is dropped (or `abort()` when this analysis failed).
   */
  trees?: SyntaxTreeCache;
}

export interface WorkspaceModel {
  root: string;
  projects: ProjectModel[];
  /** Every app of every project. */
  apps: AppInfo[];
  served: AppInfo[];
  unresolved: Unresolved[];
  problems: FileProblem[];
}

/** Files read from disk (plus overlays), kept so that an editor can re-analyse without re-reading. */
export interface WorkspaceFilesSnapshot {
  root: string;
  files: Map<string, string>;
  problems: FileProblem[];
}

export function readWorkspace(root: string, overlays?: ReadonlyMap<string, string>): WorkspaceFilesSnapshot {
  const absRoot = path.resolve(root);
  const config = readConfig(absRoot, overlays?.get(path.join(absRoot, 'pyproject.toml'))).config;
  const { files, problems } = readWorkspaceFiles(absRoot, { exclude: config.exclude });
  for (const [file, text] of overlays ?? []) if (file.endsWith('.py') && file.startsWith(absRoot + path.sep)) files.set(file, text);
  return { root: absRoot, files, problems };
}

/** Folders holding a pyproject.toml (the root always counts), deepest first for assignment. */
function projectRoots(root: string, files: Iterable<string>): string[] {
  const roots = new Set<string>([root]);
  const checked = new Set<string>(); // each folder is looked at once, and so are its parents
  for (const file of files) {
    for (let dir = path.dirname(file); dir.length > root.length && dir.startsWith(root); dir = path.dirname(dir)) {
      if (roots.has(dir) || checked.has(dir)) break;
      checked.add(dir);
      if (existsSync(path.join(dir, 'pyproject.toml'))) roots.add(dir);
    }
  }
  return [...roots].sort((a, b) => b.length - a.length);
}

export function analyzeWorkspace(snapshot: WorkspaceFilesSnapshot, options: WorkspaceOptions = {}): WorkspaceModel {
  const { root } = snapshot;
  const files = new Map(snapshot.files);
  for (const [file, text] of options.overlays ?? []) if (file.endsWith('.py')) files.set(file, text);
  const roots = projectRoots(root, files.keys());
  const byProject = new Map<string, Map<string, string>>(roots.map((r) => [r, new Map()]));
  for (const [file, text] of files) {
    const owner = roots.find((r) => file === r || file.startsWith(r + path.sep)) ?? root;
    byProject.get(owner)!.set(file, text);
  }

  const projects: ProjectModel[] = [];
  for (const projectRoot of [...roots].sort()) {
    const projectFiles = byProject.get(projectRoot)!;
    if (projectFiles.size === 0) continue;
    projects.push(analyzeOneProject(projectRoot, projectFiles, options));
  }
  const problems = [...snapshot.problems, ...projects.flatMap((p) => p.problems)];
  const labelled = projects.length > 1;
  const apps = projects.flatMap((p) => p.apps.map((a) => (labelled ? relabel(a, path.relative(root, p.root)) : a)));
  const served = apps.filter((a) => projects.some((p) => p.served.some((s) => s.tree === a.tree)));
  // An --app (or [tool.route-lens] app) that names no app anywhere is an error worth saying.
  for (const p of projects) {
    const wanted = options.app ?? p.config.app;
    if (wanted && !p.served.length && (!options.app || served.length === 0)) {
      problems.push({ file: path.join(p.root, 'pyproject.toml'), severity: 'error', message: `app ${wanted.module}:${wanted.variable} not found; apps here: ${p.apps.map((a) => `${a.module}:${a.variable}`).join(', ') || 'none'}` });
    }
  }
  return {
    root,
    projects,
    apps,
    served,
    unresolved: projects.flatMap((p) => p.unresolved),
    problems,
  };
}

function relabel(app: AppInfo, projectDir: string): AppInfo {
  if (!projectDir) return app;
  return { ...app, id: `${projectDir}/${app.id}` };
}

function analyzeOneProject(root: string, files: Map<string, string>, options: WorkspaceOptions): ProjectModel {
  const configResult = readConfig(root, options.overlays?.get(path.join(root, 'pyproject.toml')));
  const config = configResult.config;
  const detected = detectVersions(root, options.overlays, config);
  const versions: FrameworkVersions = { ...detected.versions };
  const sources = { ...detected.sources };
  for (const key of ['python', 'starlette', 'fastapi'] as const) {
    const v: Version | undefined = options.versions?.[key];
    if (v) {
      versions[key] = v;
      sources[key] = 'explicit option';
    }
  }
  const sysPath = importRoots(root, config.importRoots);
  const modules: ModuleSource[] = [];
  const problems: FileProblem[] = [...configResult.problems, ...detected.problems];
  for (const [file, text] of files) {
    const name = moduleNameFor(sysPath, file);
    if (!name) continue; // not importable (e.g. a script in a folder with a dash): no import can name it
    modules.push({ name, file, text, isPackage: isPackageFile(file) });
  }
  return analyzeProject({
    root,
    modules,
    versions,
    versionSources: sources,
    app: options.app ?? config.app,
    config,
    problems,
    ...(options.trees ? { trees: options.trees } : {}),
  });
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
