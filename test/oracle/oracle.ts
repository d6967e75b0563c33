// Runs batches of cases through the real frameworks (test/oracle/driver.py under Debian's Python).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ORACLE_PYTHON = '/usr/bin/python3';
const DRIVER = path.join(__dirname, 'driver.py');

export type OracleResult<T = unknown> =
  | { ok: T; warnings?: string[] }
  | { error: { type: string; message: string }; warnings?: string[] };

let available: boolean | undefined;

/** Installs the oracle with apt-get when missing (root, as in CI) and says whether it imports. */
export function ensureOracle(): boolean {
  if (available !== undefined) return available;
  const probe = () =>
    existsSync(ORACLE_PYTHON) &&
    spawnSync(ORACLE_PYTHON, ['-c', 'import starlette, fastapi, httpx'], { stdio: 'ignore' }).status === 0;
  if (!probe()) {
    try {
      execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-starlette python3-fastapi python3-httpx'], {
        stdio: 'ignore',
        timeout: 600_000,
      });
    } catch {
      /* reported below */
    }
  }
  available = probe();
  return available;
}

/** In CI a missing oracle is a failure; locally, suites may skip with a message. */
export function requireOracle(): void {
  if (!ensureOracle()) {
    throw new Error(`The oracle (Debian's python3-starlette/python3-fastapi under ${ORACLE_PYTHON}) is not available`);
  }
}

export function runOracle<T = unknown>(cases: object[], opts: { cwd?: string; env?: Record<string, string> } = {}): OracleResult<T>[] {
  requireOracle();
  const out = spawnSync(ORACLE_PYTHON, [DRIVER], {
    input: JSON.stringify({ cases }),
    cwd: opts.cwd,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...opts.env },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`oracle driver failed (${out.status}): ${out.stderr}`);
  return (JSON.parse(out.stdout) as { results: OracleResult<T>[] }).results;
}
