// Neovim (Debian's 0.7.x, built-in LSP client) drives dist/server.js over stdio, configured with
// vim.lsp.start_client as the README shows: test/e2e/neovim/check.lua opens items.py headless and
// records the diagnostics, two hovers and an edit + undo; this file asserts on that record.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, build, copyExamples, REPO, SERVER } from './workspace';

interface NvimDiagnostic {
  code: string;
  line: number;
  col: number;
  message: string;
  source: string;
}

interface NvimRecord {
  steps: string[];
  error?: string;
  filetype: string;
  diagnostics: NvimDiagnostic[];
  hoverShadowed: string;
  hoverDocstring: string;
  edited: string;
  afterEdit: NvimDiagnostic[];
  undone: string;
  afterUndo: NvimDiagnostic[];
}

const codes = (diags: NvimDiagnostic[]) => diags.map((d) => `${d.code}@${d.line + 1}`);

describe('Neovim 0.7 with vim.lsp.start_client', () => {
  let record: NvimRecord;
  let workspace: ReturnType<typeof copyExamples>;

  beforeAll(() => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (version.error) throw new Error('nvim not found: install Debian\'s neovim (apt-get install -y neovim)');
    build();
    workspace = copyExamples();
    const root = path.join(workspace.root, 'fastapi_shop');
    const out = path.join(artifactsDir('neovim'), 'record.json');
    writeFileSync(out, '');
    // No python3 provider: probing it (`has('python3')` from the python ftplugin) runs the
    // python3 first on PATH, which takes seconds behind a pyenv shim; the LSP client needs none.
    execFileSync('nvim', ['--headless', '--clean', '--cmd', 'let g:loaded_python3_provider = 0', '-c', `luafile ${path.join(__dirname, 'neovim/check.lua')}`], {
      cwd: REPO,
      env: {
        ...process.env,
        ROUTE_LENS_NODE: process.execPath,
        ROUTE_LENS_SERVER: SERVER,
        ROUTE_LENS_ROOT: root,
        ROUTE_LENS_FILE: path.join(root, 'shop/routers/items.py'),
        ROUTE_LENS_OUT: out,
      },
      timeout: 240_000,
      stdio: 'pipe',
    });
    record = JSON.parse(readFileSync(out, 'utf8')) as NvimRecord;
  }, 300_000);

  afterAll(() => workspace?.dispose());

  it('runs every step', () => {
    expect(record.error).toBeUndefined();
    expect(record.steps).toEqual(['started', 'diagnostics', 'hover', 'edit', 'undo']);
    expect(record.filetype).toBe('python');
  });

  it('shows the planted mistakes of items.py, and nothing else', () => {
    expect(codes(record.diagnostics)).toEqual(['RL004@42', 'RL003@46']);
    expect(record.diagnostics.every((d) => d.source === 'route-lens')).toBe(true);
    const shadowed = record.diagnostics.find((d) => d.code === 'RL003')!;
    expect(shadowed.message).toContain('GET /api/v1/items/featured is never reached');
    expect(shadowed.col).toBe('@router.get('.length);
    expect(record.diagnostics.find((d) => d.code === 'RL004')!.message).toContain('inspect.cleandoc (Python 3.11) deletes this \\f');
  });

  it('hover on a route path shows the route card', () => {
    expect(record.hoverShadowed).toContain('**GET** `/api/v1/items/featured` — app `shop.main:app`');
    expect(record.hoverShadowed).toContain('handler `featured_items`');
    expect(record.hoverShadowed).toContain('**GET never reached**: `GET /api/v1/items/{item_name}`');
    expect(record.hoverShadowed).toContain('Summary: **Featured Items**');
    expect(record.hoverShadowed).toContain('operationId: `featured_items_api_v1_items_featured_get`');
    expect(record.hoverDocstring).toContain('Summary: **Read Item**');
    expect(record.hoverDocstring).toContain('Read one item.\nInternal: looks the item up in the legacy index, do not document.');
  });

  it('typing a duplicate path parameter adds RL001; undo removes it', () => {
    expect(record.edited).toBe('@router.delete("/{item_name}/{item_name}", deprecated=True)');
    expect(codes(record.afterEdit)).toEqual(['RL004@42', 'RL003@46', 'RL001@57']);
    expect(record.afterEdit.find((d) => d.code === 'RL001')!.message).toContain('Duplicated param name item_name');
    expect(record.undone).toBe('@router.delete("/{item_name}", deprecated=True)');
    expect(codes(record.afterUndo)).toEqual(['RL004@42', 'RL003@46']);
  });
});
