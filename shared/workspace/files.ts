// Reads the Python files of a workspace: the files an app started from the workspace root
// (uvicorn pkg.main:app) could import. Bad files become problems, never exceptions.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileProblem } from '../model/types';
import { decodePythonSource } from './encoding';
import { compileGlobs } from './globs';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Directory names never imported by an app: tool caches, installed packages, VCS data. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '__pycache__',
  'site-packages',
  'dist-packages',
  '__pypackages__',
  '.tox',
  '.nox',
  '.mypy_cache',
]);
/** Build output holds copies of the package; only skipped at the workspace root, where tools put it. */
const SKIPPED_TOP_DIRS = new Set(['build', 'dist']);

export interface WorkspaceFiles {
  /** Absolute path → decoded text, in a stable (sorted) order. */
  files: Map<string, string>;
  problems: FileProblem[];
}

export interface ReadOptions {
  /** Glob patterns relative to the root (see globs.ts). */
  exclude?: string[];
}

function skipDir(name: string, dir: string, atTop: boolean): boolean {
  if (name.startsWith('.')) return true; // .git, .venv, .idea, hidden dirs
  if (SKIPPED_DIRS.has(name) || name.endsWith('.egg-info')) return true;
  if (atTop && SKIPPED_TOP_DIRS.has(name)) return true;
  return existsSync(path.join(dir, 'pyvenv.cfg')); // any virtual environment, whatever its name
}

/** Decodes one file's bytes; a problem instead of text when Python could not read it either. */
export function readPythonFile(file: string, bytes: Uint8Array): { text?: string; problem?: FileProblem } {
  if (bytes.length > MAX_FILE_BYTES) {
    return { problem: { file, message: `skipped: larger than 2 MB (${bytes.length} bytes)`, severity: 'warning' } };
  }
  if (bytes.includes(0)) {
    return { problem: { file, message: 'skipped: binary file (contains NUL bytes)', severity: 'warning' } };
  }
  const decoded = decodePythonSource(bytes);
  if (!decoded.ok) return { problem: { file, message: `skipped: ${decoded.message}`, severity: 'error' } };
  return { text: decoded.text };
}

export function readWorkspaceFiles(root: string, opts: ReadOptions = {}): WorkspaceFiles {
  const files = new Map<string, string>();
  const problems: FileProblem[] = [];
  const excluded = compileGlobs(opts.exclude ?? []);
  const absRoot = path.resolve(root);
  const seenDirs = new Set<string>();

  const walk = (dir: string, rel: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seenDirs.has(real)) return; // symlink loops and duplicates
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      problems.push({ file: dir, message: `cannot read directory: ${(err as Error).message}`, severity: 'warning' });
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const childRel = rel ? `${rel}/${name}` : name;
      if (excluded.matches(childRel)) continue;
      let stat;
      try {
        stat = statSync(full);
      } catch {
        continue; // dangling symlink
      }
      if (stat.isDirectory()) {
        if (!skipDir(name, full, rel === '')) walk(full, childRel);
      } else if (stat.isFile() && name.endsWith('.py')) {
        if (stat.size > MAX_FILE_BYTES) {
          problems.push({ file: full, message: `skipped: larger than 2 MB (${stat.size} bytes)`, severity: 'warning' });
          continue;
        }
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(full);
        } catch (err) {
          problems.push({ file: full, message: `cannot read: ${(err as Error).message}`, severity: 'warning' });
          continue;
        }
        const { text, problem } = readPythonFile(full, bytes);
        if (problem) problems.push(problem);
        else files.set(full, text!);
      }
    }
  };

  walk(absRoot, '');
  return { files, problems };
}
