// npm run bench: bundles bench/main.ts (with the engine) into .cache/bench/ and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const out = path.resolve('.cache/bench');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['bench/main.ts'],
  outfile: path.join(out, 'main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  logLevel: 'warning',
});
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(out, 'tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), path.join(out, 'tree-sitter-python.wasm'));
const r = spawnSync(process.execPath, [path.join(out, 'main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
