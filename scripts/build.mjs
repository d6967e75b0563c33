// Bundles the CLI, the language server and the VS Code client with esbuild and
// copies the tree-sitter .wasm files next to the bundles (they are loaded at run time).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const out = path.resolve('dist');
mkdirSync(out, { recursive: true });

const entries = [
  { in: 'server/cli.ts', out: 'cli' },
  { in: 'server/lsp/main.ts', out: 'server' },
  { in: 'client/extension.ts', out: 'extension' },
].filter((e) => existsSync(e.in));

await build({
  entryPoints: entries.map((e) => ({ in: e.in, out: e.out })),
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  // web-tree-sitter's ESM build needs import.meta.url; the CommonJS build works in a CJS bundle.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  logLevel: 'warning',
});

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(out, 'tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), path.join(out, 'tree-sitter-python.wasm'));
