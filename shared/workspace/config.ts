// [tool.route-lens] in pyproject.toml. Mistakes in it are problems, never exceptions.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type TomlTable } from 'smol-toml';
import type { FileProblem } from '../model/types';
import { parseVersion, type Version } from '../versions';

export interface AppRef {
  /** "shop.main" */
  module: string;
  /** "app" (uvicorn also accepts a dotted attribute path) */
  variable: string;
}

export interface RouteLensConfig {
  app?: AppRef;
  /** Rule codes or names to enable (empty = defaults). */
  select: string[];
  ignore: string[];
  pythonVersion?: Version;
  starletteVersion?: Version;
  fastapiVersion?: Version;
  /** Glob patterns of files/directories not to read. */
  exclude: string[];
  /** Extra sys.path entries, relative to the workspace root (the root and src/ are always used). */
  importRoots: string[];
}

export interface ConfigResult {
  config: RouteLensConfig;
  problems: FileProblem[];
  /** The parsed pyproject.toml, for version detection (undefined when absent or invalid). */
  pyproject?: TomlTable;
}

const DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

export function emptyConfig(): RouteLensConfig {
  return { select: [], ignore: [], exclude: [], importRoots: [] };
}

export function parseAppRef(text: string): AppRef | undefined {
  const m = /^\s*([^:\s]+):([^:\s]+)\s*$/.exec(text);
  if (!m || !DOTTED.test(m[1]!) || !DOTTED.test(m[2]!)) return undefined;
  return { module: m[1]!, variable: m[2]! };
}

function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Parses a pyproject.toml text; `file` is used in problems. */
export function parseConfig(text: string, file: string): ConfigResult {
  const config = emptyConfig();
  const problems: FileProblem[] = [];
  let doc: TomlTable;
  try {
    doc = parse(text);
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    problems.push({ file, message: `invalid TOML, [tool.route-lens] not read: ${first}`, severity: 'error' });
    return { config, problems };
  }
  const tool = doc['tool'];
  const section = isTable(tool) ? tool['route-lens'] : undefined;
  if (section === undefined) return { config, problems, pyproject: doc };
  if (!isTable(section)) {
    problems.push({ file, message: '[tool.route-lens] must be a table', severity: 'error' });
    return { config, problems, pyproject: doc };
  }
  const bad = (key: string, expected: string) =>
    problems.push({ file, message: `[tool.route-lens] ${key}: expected ${expected}; ignored`, severity: 'error' });
  const strings = (key: string): string[] | undefined => {
    const v = section[key];
    if (v === undefined) return undefined;
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    bad(key, 'a list of strings');
    return undefined;
  };
  const version = (key: string): Version | undefined => {
    const v = section[key];
    if (v === undefined) return undefined;
    const parsed = typeof v === 'string' && /^\s*\d+(\.\d+)*\s*$/.test(v) ? parseVersion(v) : undefined;
    if (!parsed) bad(key, 'a version string such as "0.92.0"');
    return parsed;
  };

  for (const [key, value] of Object.entries(section)) {
    switch (key) {
      case 'app': {
        const ref = typeof value === 'string' ? parseAppRef(value) : undefined;
        if (ref) config.app = ref;
        else bad(key, '"module.path:variable"');
        break;
      }
      case 'select':
      case 'ignore':
      case 'exclude':
        config[key] = strings(key) ?? [];
        break;
      case 'import-roots':
        config.importRoots = strings(key) ?? [];
        break;
      case 'python-version':
        config.pythonVersion = version(key);
        break;
      case 'starlette-version':
        config.starletteVersion = version(key);
        break;
      case 'fastapi-version':
        config.fastapiVersion = version(key);
        break;
      default:
        problems.push({ file, message: `[tool.route-lens] unknown key "${key}"; ignored`, severity: 'warning' });
    }
  }
  return { config, problems, pyproject: doc };
}

/** Reads <root>/pyproject.toml (or the given text, e.g. an unsaved editor buffer). */
export function readConfig(root: string, text?: string): ConfigResult {
  const file = path.join(path.resolve(root), 'pyproject.toml');
  if (text === undefined) {
    if (!existsSync(file)) return { config: emptyConfig(), problems: [] };
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { config: emptyConfig(), problems: [{ file, message: `cannot read: ${(err as Error).message}`, severity: 'error' }] };
    }
  }
  return parseConfig(text, file);
}
