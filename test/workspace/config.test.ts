import { describe, expect, it } from 'vitest';
import { parseAppRef, parseConfig, readConfig } from '../../shared/workspace/config';
import { makeWorkspace } from './tempdir';

describe('[tool.route-lens] config', () => {
  it('reads every key', () => {
    const { config, problems } = parseConfig(
      `[project]
name = "x"
[tool.route-lens]
app = "shop.main:app"
select = ["RL001", "shadowed-route"]
ignore = ["RL007"]
python-version = "3.11"
starlette-version = "0.26.1"
fastapi-version = "0.92.0"
exclude = ["tests/**", "scripts"]
import-roots = ["lib"]
`,
      '/w/pyproject.toml',
    );
    expect(problems).toEqual([]);
    expect(config).toEqual({
      app: { module: 'shop.main', variable: 'app' },
      select: ['RL001', 'shadowed-route'],
      ignore: ['RL007'],
      pythonVersion: [3, 11],
      starletteVersion: [0, 26, 1],
      fastapiVersion: [0, 92, 0],
      exclude: ['tests/**', 'scripts'],
      importRoots: ['lib'],
    });
  });

  it('turns bad TOML into a problem', () => {
    const { config, problems } = parseConfig('[tool.route-lens\napp = ', '/w/pyproject.toml');
    expect(config.app).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^invalid TOML/);
    expect(problems[0]!.severity).toBe('error');
  });

  it('reports wrong types and unknown keys, keeps the rest', () => {
    const { config, problems } = parseConfig(
      `[tool.route-lens]
app = "no-colon"
select = "RL001"
fastapi-version = 0.92
starlette-version = ">=0.26"
colour = "blue"
ignore = ["RL002"]
`,
      '/w/pyproject.toml',
    );
    expect(config.ignore).toEqual(['RL002']);
    expect(config.app).toBeUndefined();
    expect(config.fastapiVersion).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([
      '[tool.route-lens] app: expected "module.path:variable"; ignored',
      '[tool.route-lens] select: expected a list of strings; ignored',
      '[tool.route-lens] fastapi-version: expected a version string such as "0.92.0"; ignored',
      '[tool.route-lens] starlette-version: expected a version string such as "0.92.0"; ignored',
      '[tool.route-lens] unknown key "colour"; ignored',
    ]);
  });

  it('parses uvicorn app references', () => {
    expect(parseAppRef('pkg.main:app')).toEqual({ module: 'pkg.main', variable: 'app' });
    expect(parseAppRef('main:api.app')).toEqual({ module: 'main', variable: 'api.app' });
    expect(parseAppRef('main')).toBeUndefined();
    expect(parseAppRef('main:app:x')).toBeUndefined();
    expect(parseAppRef('my-app.main:app')).toBeUndefined();
  });

  it('reads pyproject.toml from disk; none is fine', () => {
    expect(readConfig(makeWorkspace({ 'a.py': '' }))).toEqual({ config: { select: [], ignore: [], exclude: [], importRoots: [] }, problems: [] });
    const root = makeWorkspace({ 'pyproject.toml': '[tool.route-lens]\napp = "m:app"\n' });
    expect(readConfig(root).config.app).toEqual({ module: 'm', variable: 'app' });
  });
});
