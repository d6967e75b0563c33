// Dependency declarations: PEP 508 strings and requirements*.txt files (with -r/-c includes).
import path from 'node:path';

export interface Requirement {
  /** PEP 503 normalised name, e.g. "fastapi" */
  name: string;
  /** The version part, e.g. ">=0.90,<0.100" ("" when absent) */
  specifier: string;
  /** The requirement as written */
  text: string;
}

/** PEP 503 name normalisation. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** "fastapi[all] (>=0.90) ; python_version>'3.8'" → {name, specifier}. URL requirements are skipped. */
export function parseRequirement(text: string): Requirement | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*([^;]*?)\s*(?:;.*)?$/.exec(text);
  if (!m) return undefined;
  let spec = m[2]!;
  if (spec.startsWith('@')) return undefined;
  if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1).trim();
  return { name: normalizeName(m[1]!), specifier: spec, text: text.trim() };
}

export interface RequirementLine extends Requirement {
  file: string;
}

/**
 * Reads a requirements file and the files it includes with -r/-c (relative to the including
 * file). `read` returns undefined for a missing file.
 */
export function readRequirementsFile(file: string, read: (file: string) => string | undefined, seen = new Set<string>()): RequirementLine[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = read(file);
  if (text === undefined) return [];
  const out: RequirementLine[] = [];
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const rawLine of logical) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(line);
    if (include) {
      out.push(...readRequirementsFile(path.resolve(path.dirname(file), include[1]!), read, seen));
      continue;
    }
    if (line.startsWith('-')) continue; // -e, --index-url, --hash ...
    const req = parseRequirement(line.replace(/\s--hash[= ]\S+/g, ''));
    if (req) out.push({ ...req, file });
  }
  return out;
}
