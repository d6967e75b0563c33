// `npm run package` builds a .vsix holding the bundles, both .wasm files and the manifest only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './lspClient';
import { zipEntries } from './zipEntries';

describe('npm run package', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'route-lens-vsix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('produces a small .vsix with the bundles and the .wasm files, without node_modules or tests', () => {
    const vsix = path.join(dir, 'route-lens.vsix');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['run', 'package', '--', '--out', vsix], { cwd: REPO, stdio: 'pipe', env: { ...process.env, CI: '1' } });
    const names = zipEntries(vsix).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/readme.md',
        'extension/LICENSE.txt',
        'extension/dist/extension.js',
        'extension/dist/server.js',
        'extension/dist/cli.js',
        'extension/dist/tree-sitter.wasm',
        'extension/dist/tree-sitter-python.wasm',
      ]),
    );
    const content = names.filter((n) => n.startsWith('extension/'));
    expect(content.filter((n) => /node_modules\/|\/test\/|\/shared\/|\/server\/|\/client\/|\/examples\/|\.map$|\.ts$/.test(n))).toEqual([]);
    expect(content.every((n) => /^extension\/(dist\/[\w.-]+\.(js|wasm)|package\.json|readme\.md|LICENSE\.txt)$/.test(n))).toBe(true);
    expect(statSync(vsix).size).toBeLessThan(3 * 1024 * 1024);
  });
});
