// Shared helpers of the end-to-end tests: the built bundles and a scratch copy of examples/
// (the editors type into files; the repository's copy is never touched).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const SERVER = path.join(REPO, 'dist/server.js');
/** Screenshots and logs of the e2e runs (git-ignored). */
export const ARTIFACTS = path.join(REPO, 'test-artifacts');

export function build(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'pipe' });
}

/** A fresh copy of examples/ as `<tmp>/examples`. */
export function copyExamples(): { root: string; dispose(): void } {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'route-lens-e2e-')));
  const root = path.join(base, 'examples');
  cpSync(path.join(REPO, 'examples'), root, { recursive: true });
  return { root, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

/** An emptied test-artifacts/<name> (no stale screenshots from an earlier run). */
export function artifactsDir(name: string): string {
  const dir = path.join(ARTIFACTS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
