import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEWEST_VERSIONS, formatVersion } from '../../shared/versions';
import { parseSpecifier, pickVersion } from '../../shared/workspace/specifiers';
import { detectVersions } from '../../shared/workspace/versions';
import { makeWorkspace } from './tempdir';

const fmt = (tree: Record<string, string>) => {
  const d = detectVersions(makeWorkspace(tree));
  return {
    python: formatVersion(d.versions.python),
    starlette: formatVersion(d.versions.starlette),
    fastapi: formatVersion(d.versions.fastapi),
    sources: d.sources,
  };
};
const newest = (k: keyof typeof NEWEST_VERSIONS) => formatVersion(NEWEST_VERSIONS[k]);

describe('pickVersion', () => {
  const pick = (spec: string, newestV = [0, 141, 1]) => {
    const p = pickVersion(parseSpecifier(spec)!, newestV);
    return p && `${formatVersion(p.version)} ${p.how}`;
  };
  it('handles PEP 440 and Poetry forms', () => {
    expect(pick('==0.92.0')).toBe('0.92.0 exact');
    expect(pick('===0.92.0')).toBe('0.92.0 exact');
    expect(pick('>=0.90')).toBe('0.141.1 newest');
    expect(pick('>=0.90,<0.100')).toBe('0.99 highest');
    expect(pick('>=0.90, <=0.95.2')).toBe('0.95.2 highest');
    expect(pick('~=0.92.0')).toBe('0.92 highest');
    expect(pick('~=0.92')).toBe('0.141.1 newest');
    expect(pick('==0.92.*')).toBe('0.92 highest');
    expect(pick('^0.92')).toBe('0.92 highest');
    expect(pick('^0.92.1')).toBe('0.92.1 lowest'); // 0.92.x, x >= 1: no release list to name x
    expect(pick('~0.92.1')).toBe('0.92.1 lowest');
    expect(pick('0.92.0')).toBe('0.92.0 exact');
    expect(pick('*')).toBe('0.141.1 newest');
    expect(pick('')).toBe('0.141.1 newest');
    expect(pick('>=0.200')).toBe('0.200 lowest');
    expect(pick('>=0.5,<1.0', [1, 3, 1])).toBe('0.5 lowest');
    expect(pick('!=0.141.1,>=0.100', [0, 141, 1])).toBe('0.100 lowest');
    expect(pick('>=3.9,<3.12', [3, 14])).toBe('3.11 highest');
    expect(parseSpecifier('^1.0 || ^2.0')).toBeUndefined();
  });
});

describe('detectVersions', () => {
  it('defaults to the newest known releases', () => {
    const d = fmt({ 'main.py': '' });
    expect(d).toMatchObject({ python: newest('python'), starlette: newest('starlette'), fastapi: newest('fastapi') });
    expect(d.sources.fastapi).toBe(`default (newest known: ${newest('fastapi')})`);
  });

  it('reads PEP 621 exact pins and requires-python', () => {
    const d = fmt({
      'pyproject.toml': '[project]\nname="x"\nrequires-python = ">=3.9,<3.12"\ndependencies = ["fastapi[all]==0.92.0", "starlette (==0.26.1)", "uvicorn"]\n',
    });
    expect(d).toMatchObject({ python: '3.11', starlette: '0.26.1', fastapi: '0.92.0' });
    expect(d.sources).toEqual({
      python: 'pyproject.toml: requires-python >=3.9,<3.12 (highest allowed: 3.11)',
      starlette: 'pyproject.toml: starlette (==0.26.1)',
      fastapi: 'pyproject.toml: fastapi[all]==0.92.0',
    });
  });

  it('prefers an exact pin in requirements over a range in pyproject', () => {
    const d = fmt({
      'pyproject.toml': '[project]\nname="x"\ndependencies = ["fastapi>=0.90"]\n',
      'requirements.txt': '-r requirements/base.txt\n',
      'requirements/base.txt': '# comment\n--index-url https://x\nfastapi==0.95.1 \\\n    --hash=sha256:abc\nstarlette>=0.20,<0.27 ; python_version > "3.8"\n',
    });
    expect(d).toMatchObject({ fastapi: '0.95.1', starlette: '0.26' });
    expect(d.sources.fastapi).toBe(`${path.join('requirements', 'base.txt')}: fastapi==0.95.1`);
  });

  it('reads Poetry dependencies', () => {
    const d = fmt({
      'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\nfastapi = {version = "^0.92.0", extras = ["all"]}\n[tool.poetry.group.dev.dependencies]\nstarlette = "0.26.1"\n',
    });
    expect(d).toMatchObject({ python: '3.14', fastapi: '0.92', starlette: '0.26.1' });
    expect(d.sources.python).toBe('pyproject.toml: python = "^3.10" (newest allowed: 3.14)');
  });

  it('lets a lock file win over declarations, and a config pin over everything', () => {
    const tree = {
      'pyproject.toml': '[project]\nname="x"\ndependencies = ["fastapi==0.100.0"]\n',
      'uv.lock': 'version = 1\nrequires-python = ">=3.8"\n[[package]]\nname = "fastapi"\nversion = "0.92.0"\n[[package]]\nname = "Starlette"\nversion = "0.26.1"\n',
      '.python-version': '3.11.4\n',
    };
    const d = fmt(tree);
    expect(d).toMatchObject({ python: '3.11.4', fastapi: '0.92.0', starlette: '0.26.1' });
    expect(d.sources).toEqual({ python: '.python-version: 3.11.4', fastapi: 'uv.lock: fastapi 0.92.0', starlette: 'uv.lock: Starlette 0.26.1' });
    const pinned = fmt({ ...tree, 'pyproject.toml': tree['pyproject.toml'] + '[tool.route-lens]\nfastapi-version = "0.99.1"\npython-version = "3.12"\n' });
    expect(pinned).toMatchObject({ python: '3.12', fastapi: '0.99.1', starlette: '0.26.1' });
    expect(pinned.sources.fastapi).toBe('pyproject.toml: [tool.route-lens] fastapi-version = "0.99.1"');
  });

  it('reads poetry.lock, and its python-versions when nothing else says', () => {
    const d = fmt({
      'poetry.lock': '[[package]]\nname = "fastapi"\nversion = "0.110.0"\n[metadata]\npython-versions = ">=3.8,<3.13"\n',
    });
    expect(d).toMatchObject({ python: '3.12', fastapi: '0.110.0', starlette: newest('starlette') });
    expect(d.sources.python).toBe('poetry.lock: requires-python >=3.8,<3.13 (highest allowed: 3.12)');
  });

  it('treats fastapi-slim as fastapi and does not invent a Starlette version', () => {
    const d = fmt({ 'requirements.txt': 'fastapi-slim==0.115.0\n' });
    expect(d).toMatchObject({ fastapi: '0.115.0', starlette: newest('starlette') });
  });

  it('reports a broken lock file and carries on', () => {
    const root = makeWorkspace({ 'uv.lock': '[[package]\n', 'requirements.txt': 'fastapi==0.92.0\n' });
    const d = detectVersions(root);
    expect(formatVersion(d.versions.fastapi)).toBe('0.92.0');
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]!.file).toBe(path.join(root, 'uv.lock'));
  });

  it('uses open editor buffers over the disk', () => {
    const root = makeWorkspace({ 'requirements.txt': 'fastapi==0.92.0\n' });
    const d = detectVersions(root, new Map([[path.join(root, 'requirements.txt'), 'fastapi==0.93.0\n']]));
    expect(formatVersion(d.versions.fastapi)).toBe('0.93.0');
  });
});

describe('bundled workspaces pin the oracle versions', () => {
  const repo = path.resolve(__dirname, '../..');
  const dirs = [
    ...['fastapi_shop', 'starlette_blog'].map((d) => path.join(repo, 'examples', d)),
    ...readdirSync(path.join(repo, 'test/fixtures'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => path.join(repo, 'test/fixtures', d.name)),
  ];
  for (const dir of dirs) {
    it(path.relative(repo, dir), () => {
      const { versions, problems } = detectVersions(dir);
      expect(problems).toEqual([]);
      expect(formatVersion(versions.python)).toBe('3.11');
      expect(formatVersion(versions.starlette)).toBe('0.26.1');
      if (!dir.includes('starlette') && !dir.includes('custom_convertor') && !dir.includes('redirect_slashes')) {
        expect(formatVersion(versions.fastapi)).toBe('0.92.0');
      }
    });
  }
});
