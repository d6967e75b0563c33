// The VS Code client bundle: it loads (with a stand-in `vscode` module), exports activate /
// deactivate, and every command it registers is contributed in package.json (and vice versa).
import { readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, REPO } from './lspClient';

interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean }; virtualWorkspaces: boolean };
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; configuration: { properties: Record<string, unknown> } };
}

const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;

describe('VS Code extension', () => {
  beforeAll(() => buildBundles());

  it('the bundle loads and exports activate/deactivate', () => {
    const stub = new Proxy({}, { get: () => new Proxy(function () {}, { get: () => ({}) }) });
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = loader._load;
    loader._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? stub : original(request, ...rest));
    try {
      const bundle = Module.createRequire(path.join(REPO, 'package.json'))(path.join(REPO, manifest.main)) as Record<string, unknown>;
      expect(typeof bundle['activate']).toBe('function');
      expect(typeof bundle['deactivate']).toBe('function');
    } finally {
      loader._load = original;
    }
  });

  it('declares activation, untrusted-workspace support and its contributions', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.activationEvents).toEqual(['onLanguage:python', 'workspaceContains:**/*.py']);
    expect(manifest.capabilities).toMatchObject({ untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });
    const source = readdirSync(path.join(REPO, 'client'))
      .map((f) => readFileSync(path.join(REPO, 'client', f), 'utf8'))
      .join('\n');
    const registered = new Set([...source.matchAll(/(?:register|registerCommand)\('(routeLens\.[\w]+)'/g)].map((m) => m[1]!));
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    expect([...registered].sort()).toEqual([...contributed].sort());
    expect(manifest.contributes.views['explorer']!.map((v) => v.id)).toEqual(['routeLens.routes']);
    expect(source).toContain("registerTreeDataProvider('routeLens.routes'");
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(
      expect.arrayContaining(['routeLens.versions.fastapi', 'routeLens.versions.starlette', 'routeLens.versions.python', 'routeLens.rules.select', 'routeLens.rules.ignore']),
    );
  });
});
