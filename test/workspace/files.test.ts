import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkspaceFiles } from '../../shared/workspace/files';
import { makeWorkspace } from './tempdir';

describe('readWorkspaceFiles', () => {
  const root = makeWorkspace({
    'main.py': 'app = 1\r\n\tx = 2\n',
    'pkg/__init__.py': '',
    'pkg/routes.py': 'r = 1\n',
    'pkg/types.pyi': 'x: int\n',
    'pkg/build/keep.py': '# a subpackage named build is real code\n',
    'src/lib/mod.py': '',
    '.git/hooks/x.py': '',
    '.venv/lib/x.py': '',
    'myenv/pyvenv.cfg': 'home = /usr\n',
    'myenv/lib/site.py': '',
    'node_modules/a/b.py': '',
    'pkg/__pycache__/routes.py': '',
    'lib/site-packages/fastapi/x.py': '',
    '.hidden/x.py': '',
    'build/lib/pkg/routes.py': '',
    'dist/x.py': '',
    'thing.egg-info/x.py': '',
    'notes.txt': 'not python',
    'binary.py': new Uint8Array([0x61, 0x00, 0x62]),
    'big.py': 'x = 1\n'.repeat(400_000),
    'bad.py': new Uint8Array([...Buffer.from('x = 1\ny = 2\nz="'), 0xff, 0x22, 0x0a]),
    'latin.py': new Uint8Array([...Buffer.from('# coding: latin-1\nx="'), 0xe9, 0x22, 0x0a]),
    'tests/test_x.py': '',
    'scripts/gen/x.py': '',
  });
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

  it('reads the Python files an app could import, and only those', () => {
    const { files } = readWorkspaceFiles(root);
    expect([...files.keys()].map(rel).sort()).toEqual([
      'latin.py',
      'main.py',
      'pkg/__init__.py',
      'pkg/build/keep.py',
      'pkg/routes.py',
      'scripts/gen/x.py',
      'src/lib/mod.py',
      'tests/test_x.py',
    ]);
  });

  it('keeps CRLF and tabs and decodes coding cookies', () => {
    const { files } = readWorkspaceFiles(root);
    expect(files.get(path.join(root, 'main.py'))).toBe('app = 1\r\n\tx = 2\n');
    expect(files.get(path.join(root, 'latin.py'))).toBe('# coding: latin-1\nx="é"\n');
  });

  it('reports skipped files as problems', () => {
    const { problems } = readWorkspaceFiles(root);
    const byFile = Object.fromEntries(problems.map((p) => [rel(p.file), p.message]));
    expect(Object.keys(byFile).sort()).toEqual(['bad.py', 'big.py', 'binary.py']);
    expect(byFile['big.py']).toMatch(/larger than 2 MB/);
    expect(byFile['binary.py']).toMatch(/NUL/);
    expect(byFile['bad.py']).toMatch(/cannot decode as utf-8/);
  });

  it('honours exclude globs', () => {
    const { files } = readWorkspaceFiles(root, { exclude: ['tests', 'scripts/**', 'pkg/b*/', '*.py.bak', 'latin.py'] });
    expect([...files.keys()].map(rel).sort()).toEqual(['main.py', 'pkg/__init__.py', 'pkg/routes.py', 'src/lib/mod.py']);
  });
});
