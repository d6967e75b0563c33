// Version specifiers as written in dependency declarations: PEP 440 (">=0.90,<0.100", "~=0.92",
// "==0.92.*") and Poetry's ("^0.92", "~0.92", "0.92.0", "*"). Only what version picking needs.
import { compareVersions, parseVersion, type Version } from '../versions';

export type Operator = '==' | '!=' | '>=' | '<=' | '>' | '<' | '===';

export interface Clause {
  op: Operator;
  version: Version;
}

export interface Specifier {
  text: string;
  clauses: Clause[];
  /** "==X" / "===X" / a bare Poetry version: one version only. */
  exact?: Version;
}

function bump(v: Version, at: number): Version {
  const out = v.slice(0, at + 1);
  while (out.length <= at) out.push(0);
  out[at] = out[at]! + 1;
  return out;
}

function parseClause(raw: string): Clause[] | undefined {
  const m = /^(===|==|!=|~=|>=|<=|>|<|\^|~)?\s*v?(\d+(?:\.\d+)*)(\.\*)?$/.exec(raw.trim());
  if (!m) return undefined;
  const op = m[1] ?? '==';
  const v = parseVersion(m[2]!)!;
  const wildcard = m[3] !== undefined;
  if (wildcard) {
    if (op === '==') return [{ op: '>=', version: v }, { op: '<', version: bump(v, v.length - 1) }];
    if (op === '!=') return []; // excludes a series; not needed to pick a version
    return undefined;
  }
  switch (op) {
    case '~=':
      if (v.length < 2) return undefined;
      return [{ op: '>=', version: v }, { op: '<', version: bump(v, v.length - 2) }];
    case '^': {
      // Poetry caret: the first non-zero component may not change.
      const nonZero = v.findIndex((n) => n !== 0);
      const at = nonZero === -1 ? v.length - 1 : nonZero;
      return [{ op: '>=', version: v }, { op: '<', version: bump(v, at) }];
    }
    case '~':
      return [{ op: '>=', version: v }, { op: '<', version: bump(v, v.length >= 2 ? 1 : 0) }];
    default:
      return [{ op: op as Operator, version: v }];
  }
}

/** Parses "a,b" or Poetry's "a b" clause lists. Undefined when not understood (e.g. "||"). */
export function parseSpecifier(text: string): Specifier | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '*') return { text, clauses: [] };
  if (trimmed.includes('||')) return undefined;
  const parts = trimmed
    .replace(/(===|==|!=|~=|>=|<=|>|<|\^|~)\s+/g, '$1')
    .split(/[\s,]+/)
    .filter((p) => p !== '');
  const clauses: Clause[] = [];
  let exact: Version | undefined;
  for (const part of parts) {
    const parsed = parseClause(part);
    if (!parsed) return undefined;
    if (parsed.length === 1 && (parsed[0]!.op === '==' || parsed[0]!.op === '===')) exact = parsed[0]!.version;
    clauses.push(...parsed);
  }
  return { text, clauses, exact };
}

export function allows(spec: Specifier, v: Version): boolean {
  return spec.clauses.every(({ op, version }) => {
    const c = compareVersions(v, version);
    switch (op) {
      case '==':
      case '===':
        return c === 0;
      case '!=':
        return c !== 0;
      case '>=':
        return c >= 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '<':
        return c < 0;
    }
  });
}

/** The highest version below `v` we can name without a release list: <0.100 → 0.99, <1.0 → unknown. */
function below(v: Version): Version | undefined {
  const t = v.slice();
  while (t.length > 0 && t[t.length - 1] === 0) t.pop();
  if (t.length < 2) return undefined;
  t[t.length - 1] = t[t.length - 1]! - 1;
  return t;
}

export type Pick = { version: Version; how: 'exact' | 'newest' | 'highest' | 'lowest' };

/**
 * The version a range most likely installs: `newest` when the range allows it, else the
 * highest allowed bound we can determine, else the lower bound.
 */
export function pickVersion(spec: Specifier, newest: Version): Pick | undefined {
  if (spec.exact) return { version: spec.exact, how: 'exact' };
  if (allows(spec, newest)) return { version: newest, how: 'newest' };
  let highest: Version | undefined;
  for (const { op, version } of spec.clauses) {
    const bound = op === '<=' ? version : op === '<' ? below(version) : undefined;
    if (bound && (!highest || compareVersions(bound, highest) < 0)) highest = bound;
  }
  if (highest && allows(spec, highest)) return { version: highest, how: 'highest' };
  let lowest: Version | undefined;
  for (const { op, version } of spec.clauses) {
    if ((op === '>=' || op === '>') && (!lowest || compareVersions(version, lowest) > 0)) lowest = version;
  }
  return lowest ? { version: lowest, how: 'lowest' } : highest ? { version: highest, how: 'highest' } : undefined;
}
