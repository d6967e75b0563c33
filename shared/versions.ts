// Framework and Python versions that decide which semantics the engine reproduces.

export type Version = readonly number[];

export interface FrameworkVersions {
  python: Version;
  starlette: Version;
  fastapi: Version;
}

/** Newest releases known to the engine: the default when a workspace does not pin a version. */
export const NEWEST_VERSIONS: FrameworkVersions = {
  python: [3, 14],
  starlette: [1, 3, 1],
  fastapi: [0, 141, 1],
};

/** The oracle installed by the tests (Debian bookworm). */
export const ORACLE_VERSIONS: FrameworkVersions = {
  python: [3, 11],
  starlette: [0, 26, 1],
  fastapi: [0, 92, 0],
};

export function parseVersion(text: string): Version | undefined {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(text);
  return m ? m[1]!.split('.').map(Number) : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// The semantics ask `atLeast(v, '0.95')` for every route: parse each literal once.
const parsedMinimums = new Map<string, Version>();

export function atLeast(v: Version, min: string | Version): boolean {
  let bound: Version;
  if (typeof min === 'string') {
    const cached = parsedMinimums.get(min);
    bound = cached ?? parseVersion(min)!;
    if (!cached) parsedMinimums.set(min, bound);
  } else bound = min;
  return compareVersions(v, bound) >= 0;
}

export function formatVersion(v: Version): string {
  return v.join('.');
}
