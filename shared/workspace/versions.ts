// Which Python / Starlette / FastAPI versions a workspace runs on, and where each answer came from.
// Precedence: [tool.route-lens] pin > lock file (.python-version for Python) > exact pin (==)
// > range (newest allowed, else highest allowed bound, else lower bound) > newest known release.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type TomlTable, type TomlValue } from 'smol-toml';
import type { FileProblem } from '../model/types';
import { formatVersion, NEWEST_VERSIONS, parseVersion, type FrameworkVersions, type Version } from '../versions';
import { readConfig, type RouteLensConfig } from './config';
import { normalizeName, parseRequirement, readRequirementsFile } from './requirements';
import { parseSpecifier, pickVersion } from './specifiers';

type Framework = keyof FrameworkVersions;

export interface DetectedVersions {
  versions: FrameworkVersions;
  /** e.g. "uv.lock: fastapi 0.92.0", "pyproject.toml: fastapi==0.92.0", "default (newest known)" */
  sources: Record<Framework, string>;
  problems: FileProblem[];
}

/** Package names that provide each framework's code. */
const PACKAGES: Record<Exclude<Framework, 'python'>, string[]> = {
  fastapi: ['fastapi', 'fastapi-slim'],
  starlette: ['starlette'],
};

/** A declared requirement: where it was written and its specifier text. */
interface Declared {
  where: string;
  text: string;
  specifier: string;
}

function isTable(v: TomlValue | undefined): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
function asArray(v: TomlValue | undefined): TomlValue[] {
  return Array.isArray(v) ? v : [];
}

export function detectVersions(root: string, files?: ReadonlyMap<string, string>, config?: RouteLensConfig): DetectedVersions {
  const absRoot = path.resolve(root);
  const problems: FileProblem[] = [];
  const read = (file: string): string | undefined => {
    const open = files?.get(file);
    if (open !== undefined) return open;
    try {
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const readToml = (name: string): TomlTable | undefined => {
    const file = path.join(absRoot, name);
    const text = read(file);
    if (text === undefined) return undefined;
    try {
      return parse(text);
    } catch (err) {
      problems.push({ file, message: `invalid TOML, versions not read from it: ${(err as Error).message.split('\n')[0]}`, severity: 'warning' });
      return undefined;
    }
  };

  const pyprojectText = read(path.join(absRoot, 'pyproject.toml'));
  if (!config) config = readConfig(absRoot, pyprojectText).config;
  const pyproject = pyprojectText === undefined ? undefined : readToml('pyproject.toml');

  // ---- declarations: pyproject (PEP 621, PEP 735 groups, Poetry) and requirements files ----
  const declared = new Map<string, Declared[]>();
  const declare = (name: string, d: Declared) => {
    const key = normalizeName(name);
    declared.set(key, [...(declared.get(key) ?? []), d]);
  };
  const pep508List = (list: TomlValue | undefined, where: string) => {
    for (const item of asArray(list)) {
      const req = typeof item === 'string' ? parseRequirement(item) : undefined;
      if (req) declare(req.name, { where, text: req.text, specifier: req.specifier });
    }
  };
  const poetryTable = (table: TomlValue | undefined) => {
    if (!isTable(table)) return;
    for (const [name, value] of Object.entries(table)) {
      const spec = typeof value === 'string' ? value : isTable(value) && typeof value['version'] === 'string' ? value['version'] : undefined;
      if (spec !== undefined) declare(name, { where: 'pyproject.toml', text: `${name} = "${spec}"`, specifier: spec });
    }
  };
  let requiresPython: Declared | undefined;
  if (pyproject) {
    const project = pyproject['project'];
    if (isTable(project)) {
      pep508List(project['dependencies'], 'pyproject.toml');
      const optional = project['optional-dependencies'];
      if (isTable(optional)) for (const list of Object.values(optional)) pep508List(list, 'pyproject.toml');
      const rp = project['requires-python'];
      if (typeof rp === 'string') requiresPython = { where: 'pyproject.toml', text: `requires-python ${rp}`, specifier: rp };
    }
    const groups = pyproject['dependency-groups'];
    if (isTable(groups)) for (const list of Object.values(groups)) pep508List(list, 'pyproject.toml');
    const tool = pyproject['tool'];
    const poetry = isTable(tool) ? tool['poetry'] : undefined;
    if (isTable(poetry)) {
      poetryTable(poetry['dependencies']);
      const poetryGroups = poetry['group'];
      if (isTable(poetryGroups)) {
        for (const g of Object.values(poetryGroups)) if (isTable(g)) poetryTable(g['dependencies']);
      }
    }
  }
  const requirementFiles = listRequirementFiles(absRoot, files);
  const seen = new Set<string>();
  for (const file of requirementFiles) {
    for (const req of readRequirementsFile(file, read, seen)) {
      declare(req.name, { where: path.relative(absRoot, req.file), text: req.text, specifier: req.specifier });
    }
  }
  const pythonDecl = declared.get('python');
  if (!requiresPython && pythonDecl) requiresPython = { ...pythonDecl[0]!, text: `python = "${pythonDecl[0]!.specifier}"` };

  // ---- lock files ----
  const locked = new Map<string, { version: Version; source: string }>();
  let lockPython: Declared | undefined;
  for (const lockName of ['uv.lock', 'poetry.lock', 'pdm.lock']) {
    const lock = readToml(lockName);
    if (!lock) continue;
    for (const pkg of asArray(lock['package'])) {
      if (!isTable(pkg) || typeof pkg['name'] !== 'string' || typeof pkg['version'] !== 'string') continue;
      const name = normalizeName(pkg['name']);
      const version = parseVersion(pkg['version']);
      if (version && !locked.has(name)) locked.set(name, { version, source: `${lockName}: ${pkg['name']} ${pkg['version']}` });
    }
    const metadata = lock['metadata'];
    const rp = lock['requires-python'] ?? (isTable(metadata) ? (metadata['python-versions'] ?? metadata['requires_python']) : undefined);
    if (!lockPython && typeof rp === 'string') lockPython = { where: lockName, text: `requires-python ${rp}`, specifier: rp };
  }

  // ---- decide ----
  const versions = { ...NEWEST_VERSIONS };
  const sources = {} as Record<Framework, string>;
  const fromDeclared = (decls: Declared[], newest: Version): { version: Version; source: string } | undefined => {
    const picks = decls.flatMap((d) => {
      const spec = parseSpecifier(d.specifier);
      const pick = spec && pickVersion(spec, newest);
      return pick ? [{ d, pick }] : [];
    });
    const chosen = picks.find((p) => p.pick.how === 'exact') ?? picks[0];
    if (!chosen) return undefined;
    const { d, pick } = chosen;
    const v = formatVersion(pick.version);
    const note = pick.how === 'exact' ? '' : pick.how === 'newest' ? ` (newest allowed: ${v})` : pick.how === 'highest' ? ` (highest allowed: ${v})` : ` (lower bound: ${v})`;
    return { version: pick.version, source: `${d.where}: ${d.text}${note}` };
  };

  for (const fw of ['starlette', 'fastapi'] as const) {
    const pin = fw === 'fastapi' ? config.fastapiVersion : config.starletteVersion;
    const lock = PACKAGES[fw].map((n) => locked.get(n)).find((l) => l !== undefined);
    const decls = PACKAGES[fw].flatMap((n) => declared.get(n) ?? []);
    const chosen = pin
      ? { version: pin, source: `pyproject.toml: [tool.route-lens] ${fw}-version = "${formatVersion(pin)}"` }
      : (lock ?? fromDeclared(decls, NEWEST_VERSIONS[fw]));
    versions[fw] = chosen?.version ?? NEWEST_VERSIONS[fw];
    sources[fw] = chosen?.source ?? `default (newest known: ${formatVersion(NEWEST_VERSIONS[fw])})`;
  }

  const dotPython = read(path.join(absRoot, '.python-version'));
  const dotPythonVersion = dotPython
    ?.split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '')
    .map((l) => /(\d+\.\d+(?:\.\d+)?)/.exec(l)?.[1])
    .find((v) => v !== undefined);
  const pythonDecls = [requiresPython, lockPython].filter((d): d is Declared => d !== undefined);
  const pythonChoice = config.pythonVersion
    ? { version: config.pythonVersion, source: `pyproject.toml: [tool.route-lens] python-version = "${formatVersion(config.pythonVersion)}"` }
    : dotPythonVersion
      ? { version: parseVersion(dotPythonVersion)!, source: `.python-version: ${dotPythonVersion}` }
      : fromDeclared(pythonDecls, NEWEST_VERSIONS.python);
  versions.python = pythonChoice?.version ?? NEWEST_VERSIONS.python;
  sources.python = pythonChoice?.source ?? `default (newest known: ${formatVersion(NEWEST_VERSIONS.python)})`;

  return { versions, sources, problems };
}

/** requirements*.txt at the root and *.txt in a requirements/ directory. */
function listRequirementFiles(root: string, files?: ReadonlyMap<string, string>): string[] {
  const found = new Set<string>();
  const scan = (dir: string, accept: (name: string) => boolean) => {
    try {
      for (const name of readdirSync(dir)) if (accept(name)) found.add(path.join(dir, name));
    } catch {
      /* no such directory */
    }
    for (const file of files?.keys() ?? []) if (path.dirname(file) === dir && accept(path.basename(file))) found.add(file);
  };
  scan(root, (n) => /^requirements.*\.(txt|in)$/.test(n));
  scan(path.join(root, 'requirements'), (n) => /\.(txt|in)$/.test(n));
  return [...found].sort();
}
