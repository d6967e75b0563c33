// Module names as Python computes them from sys.path entries (the import roots), and
// relative-import resolution (importlib._bootstrap._resolve_name).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/** The sys.path entries an app run from `root` sees: the root, `src/` when present, plus configured ones. */
export function importRoots(root: string, configured: readonly string[] = []): string[] {
  const absRoot = path.resolve(root);
  const roots = [absRoot];
  const src = path.join(absRoot, 'src');
  if (existsSync(src) && statSync(src).isDirectory()) roots.push(src);
  for (const extra of configured) {
    const abs = path.resolve(absRoot, extra);
    if (!roots.includes(abs)) roots.push(abs);
  }
  return roots;
}

export function isPackageFile(file: string): boolean {
  return path.basename(file) === '__init__.py';
}

/**
 * Dotted module name of a file under the most specific import root containing it:
 * "pkg.sub.mod" for pkg/sub/mod.py, "pkg" for pkg/__init__.py. Undefined when the file is
 * under no root or a path part is not a Python identifier (no import statement could name it).
 */
export function moduleNameFor(roots: readonly string[], file: string): string | undefined {
  const abs = path.resolve(file);
  let best: string | undefined;
  for (const root of roots) {
    const rel = path.relative(path.resolve(root), abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (best === undefined || rel.length < best.length) best = rel;
  }
  if (best === undefined || !best.endsWith('.py')) return undefined;
  const parts = best.slice(0, -'.py'.length).split(path.sep);
  if (parts[parts.length - 1] === '__init__') parts.pop();
  if (parts.length === 0 || !parts.every((p) => IDENTIFIER.test(p))) return undefined;
  return parts.join('.');
}

export type ResolvedImport = { ok: true; module: string } | { ok: false; error: string };

/**
 * Resolves `from <level dots><name> import ...` inside `currentModule`. `isPackage` says whether
 * the current file is a package's __init__.py (then the package is the module itself).
 * Errors carry Python's own ImportError messages.
 */
export function resolveRelativeImport(currentModule: string, isPackage: boolean, level: number, name: string): ResolvedImport {
  if (level === 0) return name ? { ok: true, module: name } : { ok: false, error: 'Empty module name' };
  const pkg = isPackage ? currentModule : currentModule.split('.').slice(0, -1).join('.');
  if (pkg === '') return { ok: false, error: 'attempted relative import with no known parent package' };
  const parts = pkg.split('.');
  if (level - 1 >= parts.length) return { ok: false, error: 'attempted relative import beyond top-level package' };
  const base = parts.slice(0, parts.length - (level - 1)).join('.');
  return { ok: true, module: name ? `${base}.${name}` : base };
}
