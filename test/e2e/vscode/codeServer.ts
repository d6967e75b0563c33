// code-server (the real VS Code workbench served to a browser) for the e2e tests: installs it
// with the shared install script (cached under .cache/e2e), installs the packaged .vsix into a
// fresh extensions dir and serves a folder on a free loopback port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from '../workspace';

export const CACHE = path.join(REPO, '.cache/e2e');
const INSTALL_SCRIPT = process.env['ROUTE_LENS_CODE_SERVER_INSTALLER'] ?? path.join(REPO, 'scripts/install-code-server.sh');
const CODE_SERVER = path.join(CACHE, 'bin/code-server');
export const VSIX = path.join(CACHE, 'route-lens.vsix');

/** Chromium flags for running as root in a container (from the install script). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CHROMIUM = '/usr/bin/chromium';

/** Runs the (idempotent) install script: code-server, Node 24, Chromium, playwright-core. */
export function installCodeServer(): void {
  execFileSync('bash', [INSTALL_SCRIPT, CACHE], { cwd: REPO, stdio: 'pipe', timeout: 1_200_000 });
}

// vsce rewrites the README's relative links and images against these (package.json has no
// `repository`, without which it refuses relative images); the project's home, as ruleDocsUrl.

/** `npm run package` into the cache: the .vsix a user would install. */
export function packageExtension(): void {
  const args = ['run', 'package', '--', '-o', VSIX];
  try {
    execFileSync('npm', args, { cwd: REPO, stdio: 'pipe', timeout: 300_000 });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run package failed:\n${out.stdout?.toString() ?? ''}${out.stderr?.toString() ?? ''}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url}`);
}

export interface CodeServer {
  url: string;
  log: string[];
  stop(): Promise<void>;
}

/**
 * Serves `folder` with the .vsix installed in a fresh user-data and extensions dir. Workspace
 * trust stays on, so the folder (never trusted before) opens in Restricted Mode.
 */
export async function startCodeServer(folder: string, settings: Record<string, unknown>): Promise<CodeServer> {
  const home = realpathSync(mkdtempSync(path.join(tmpdir(), 'route-lens-code-server-')));
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  execFileSync(CODE_SERVER, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', VSIX], { stdio: 'pipe', timeout: 120_000 });

  const port = await freePort();
  const log: string[] = [];
  const child = spawn(
    CODE_SERVER,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions, folder],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, HOME: home } },
  );
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM'); // its process group: code-server and its extension host
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}healthz`, child, 60_000);
  } catch (e) {
    await stop();
    throw new Error(`${String(e)}\n${log.join('')}`);
  }
  return { url: `${url}?folder=${encodeURIComponent(folder)}`, log, stop };
}
