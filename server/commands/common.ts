// What the CLI commands share: argument parsing, loading the workspace, choosing the app.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeWorkspace, initEngine, readWorkspace, type AppInfo, type ProjectModel, type WorkspaceModel, type WorkspaceOptions } from '../../shared/engine';
import { LineIndex, type Span } from '../../shared/model/span';
import { parseAppRef } from '../../shared/workspace/config';
import { parseVersion, type FrameworkVersions } from '../../shared/versions';

export interface IO {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, noApps: 3 } as const;

export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and boolean `--name` (for names in `booleans`). */
export function parseArgs(argv: string[], valued: string[], booleans: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--') || a === '--') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (booleans.includes(name)) {
      flags.set(name, true);
    } else if (valued.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option ${a}`);
    }
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export interface Loaded {
  dir: string;
  model: WorkspaceModel;
}

/** --app and --*-version as engine options; a UsageError when they are malformed. */
export function analysisOptions(args: ParsedArgs): WorkspaceOptions {
  const appText = flag(args, 'app');
  const app = appText ? parseAppRef(appText) : undefined;
  if (appText && !app) throw new UsageError(`--app must look like module.path:variable (as uvicorn takes it), got ${appText}`);
  const versions: Partial<FrameworkVersions> = {};
  for (const key of ['python', 'starlette', 'fastapi'] as const) {
    const v = flag(args, `${key}-version`);
    if (v) {
      const parsed = parseVersion(v);
      if (!parsed) throw new UsageError(`--${key}-version: not a version: ${v}`);
      versions[key] = parsed;
    }
  }
  return { app, versions };
}

/** The workspace folder a command works on; a UsageError when it does not exist. */
export function workspaceDir(dir: string | undefined): string {
  const root = path.resolve(dir ?? '.');
  if (!existsSync(root)) throw new UsageError(`no such directory: ${root}`);
  if (!statSync(root).isDirectory()) throw new UsageError(`not a directory: ${root}`);
  return root;
}

/** Reads and analyses DIR; throws UsageError for a missing directory or a bad --app. */
export async function loadWorkspace(dir: string | undefined, args: ParsedArgs): Promise<Loaded> {
  const root = workspaceDir(dir);
  const options = analysisOptions(args);
  await initEngine();
  return { dir: root, model: analyzeWorkspace(readWorkspace(root), options) };
}

export const COMMON_VALUED = ['app', 'python-version', 'starlette-version', 'fastapi-version'];

/** The one app a command works on; a usage error naming the apps when the choice is ambiguous. */
export function singleApp(model: WorkspaceModel): { app: AppInfo; project: ProjectModel } {
  if (model.served.length === 0) throw new NoAppsError(model);
  if (model.served.length > 1) {
    throw new UsageError(`several apps are served; choose one with --app:\n${model.served.map((a) => `  ${a.module}:${a.variable}   (${a.id})`).join('\n')}`);
  }
  const app = model.served[0]!;
  return { app, project: projectOf(model, app) };
}

export function projectOf(model: WorkspaceModel, app: AppInfo): ProjectModel {
  return model.projects.find((p) => p.apps.some((a) => a.tree === app.tree))!;
}

export class NoAppsError extends Error {
  constructor(readonly model: WorkspaceModel) {
    super(`no FastAPI or Starlette app found under ${model.root}`);
  }
}

const lineIndexes = new Map<string, LineIndex>();

/** file:line:col (1-based) relative to `base`. */
export function location(span: Span | undefined, base: string, texts: (file: string) => string | undefined): string {
  if (!span) return '?';
  let index = lineIndexes.get(span.file);
  if (!index) {
    const text = texts(span.file);
    if (text === undefined) return path.relative(base, span.file);
    index = new LineIndex(text);
    lineIndexes.set(span.file, index);
  }
  const pos = index.position(span.start);
  return `${path.relative(base, span.file) || path.basename(span.file)}:${pos.line + 1}:${pos.character + 1}`;
}

export function textOf(model: WorkspaceModel): (file: string) => string | undefined {
  return (file) => {
    for (const p of model.projects) {
      for (const m of p.evaluator.modules.values()) if (m.source.file === file) return m.source.text;
    }
    return undefined;
  };
}
