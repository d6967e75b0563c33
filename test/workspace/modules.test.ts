import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRoots, isPackageFile, moduleNameFor, resolveRelativeImport } from '../../shared/workspace/modules';
import { requireOracle, runOracle } from '../oracle/oracle';
import { makeWorkspace } from './tempdir';

describe('moduleNameFor', () => {
  const root = makeWorkspace({ 'src/lib/a.py': '', 'app/main.py': '', 'extra/x/y.py': '' });
  const roots = importRoots(root, ['extra']);

  it('uses the root, src/ and configured roots', () => {
    expect(roots).toEqual([root, path.join(root, 'src'), path.join(root, 'extra')]);
    expect(importRoots(makeWorkspace({ 'a.py': '' }))).toHaveLength(1);
  });
  it('names modules and packages under the most specific root', () => {
    expect(moduleNameFor(roots, path.join(root, 'app/main.py'))).toBe('app.main');
    expect(moduleNameFor(roots, path.join(root, 'app/__init__.py'))).toBe('app');
    expect(moduleNameFor(roots, path.join(root, 'src/lib/a.py'))).toBe('lib.a');
    expect(moduleNameFor(roots, path.join(root, 'extra/x/y.py'))).toBe('x.y');
    expect(moduleNameFor(roots, path.join(root, 'main.py'))).toBe('main');
  });
  it('refuses names no import could spell', () => {
    expect(moduleNameFor(roots, path.join(root, 'my-app/main.py'))).toBeUndefined();
    expect(moduleNameFor(roots, path.join(root, '__init__.py'))).toBeUndefined();
    expect(moduleNameFor(roots, '/elsewhere/x.py')).toBeUndefined();
    expect(moduleNameFor(roots, path.join(root, 'x.txt'))).toBeUndefined();
  });
  it('knows packages', () => {
    expect(isPackageFile('/a/b/__init__.py')).toBe(true);
    expect(isPackageFile('/a/b/c.py')).toBe(false);
  });
});

describe('resolveRelativeImport', () => {
  it('agrees with importlib.util.resolve_name on generated cases', () => {
    requireOracle();
    const cases: { module: string; isPackage: boolean; level: number; name: string }[] = [];
    for (const module of ['a', 'a.b', 'a.b.c', 'a.b.c.d'])
      for (const isPackage of [false, true])
        for (const level of [1, 2, 3, 4, 5]) for (const name of ['', 'x', 'x.y']) cases.push({ module, isPackage, level, name });
    const results = runOracle<string>(
      cases.map((c) => ({
        op: 'resolve_name',
        package: c.isPackage ? c.module : c.module.split('.').slice(0, -1).join('.'),
        level: c.level,
        name: c.name,
      })),
    );
    const mismatches: string[] = [];
    cases.forEach((c, i) => {
      const r = results[i]!;
      const mine = resolveRelativeImport(c.module, c.isPackage, c.level, c.name);
      const expected = 'ok' in r ? { ok: true, module: r.ok } : { ok: false, error: r.error.message };
      if (JSON.stringify(mine) !== JSON.stringify(expected)) mismatches.push(`${JSON.stringify(c)}: ${JSON.stringify(expected)} vs ${JSON.stringify(mine)}`);
    });
    expect(cases).toHaveLength(120);
    expect(mismatches).toEqual([]);
  });
});
