// `npm run bench`: the figures of issue 8 on this machine, each beside its target.
// Run through bench/run.mjs (bundles this file into .cache/bench/ and runs it).
// Sub-modes (used by the orchestrator as separate processes):
//   cold DIR       one cold index (parse + model + diagnostics), JSON on stdout
//   devrouter DIR  a dev router on an ephemeral port; prints its URL
//   activation DIR one activation of dist/extension.js with a stand-in vscode (bench/activation.ts)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findShadowedRoutes } from '../shared/analysis/shadowing';
import { analyzeWorkspace, initEngine, readWorkspace, type WorkspaceModel } from '../shared/engine';
import { matchRequest } from '../shared/routing/matcher';
import type { MatchOutcome, MatchRequest, RouterTree, TableNode } from '../shared/routing/types';
import { shadowedRouteDiagnostics } from '../shared/rules/shadowed-route';
import { LiveWorkspace } from '../server/devRouter/liveWorkspace';
import { startDevRouter } from '../server/devRouter/server';
import { activationChild, measureActivation } from './activation';
import { measureLsp } from './lsp';
import { requestMix } from './requestMix';
import { generateWorkspace, type SynthWorkspace } from './synth';

const REPO = path.resolve(__dirname, '../..');
const PYTHON = '/usr/bin/python3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function diagnostics(model: WorkspaceModel): number {
  let n = 0;
  for (const app of model.served) n += shadowedRouteDiagnostics(findShadowedRoutes(app.tree)).length;
  return n;
}

async function coldChild(dir: string): Promise<void> {
  const t0 = performance.now();
  await initEngine();
  const t1 = performance.now();
  const model = analyzeWorkspace(readWorkspace(dir));
  const t2 = performance.now();
  const diags = diagnostics(model);
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ initMs: t1 - t0, modelMs: t2 - t1, diagnosticsMs: t3 - t2, indexMs: t3 - t1, diagnostics: diags, served: model.served.length }));
}

async function devRouterChild(dir: string): Promise<void> {
  const live = await LiveWorkspace.open(dir);
  const handle = await startDevRouter({ model: () => live.snapshot, port: 0 });
  process.stdout.write(handle.address.url + '\n');
}

function countRoutes(tree: RouterTree, seen = new Set<RouterTree>()): number {
  if (seen.has(tree)) return 0;
  seen.add(tree);
  let n = 0;
  for (const node of tree.routes) {
    if (node.kind === 'route' || node.kind === 'websocket') n++;
    else if ((node.kind === 'mount' || node.kind === 'host') && node.target.kind === 'router') n += countRoutes(node.target, seen);
  }
  return n;
}

function positionIn(tree: RouterTree, node: TableNode): string | null {
  const walk = (t: RouterTree, prefix: string): string | null => {
    for (let i = 0; i < t.routes.length; i++) {
      const n = t.routes[i]!;
      if (n === node) return prefix + i;
      if ((n.kind === 'mount' || n.kind === 'host') && n.target.kind === 'router') {
        const f = walk(n.target, `${prefix}${i}/`);
        if (f) return f;
      }
    }
    return null;
  };
  return walk(tree, '');
}

type Answer = [number | null, string | null, string | null, string[] | null];

function answerOf(tree: RouterTree, o: MatchOutcome): Answer {
  switch (o.kind) {
    case 'route':
      return [200, positionIn(tree, o.route), null, null];
    case 'opaque-app':
      return [200, positionIn(tree, o.mount), null, null];
    case 'method-not-allowed':
      return [405, null, null, [...o.allow].sort()];
    case 'redirect':
      return [307, null, o.location, null];
    default:
      return [o.status, null, null, null];
  }
}

interface Row {
  figure: string;
  target: string;
  measured: string;
  met: boolean | null;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  const cpus = os.cpus();
  const machine = { nproc: os.availableParallelism(), cpu: cpus[0]?.model ?? 'unknown', memGB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}` };
  results.machine = machine;
  console.log(`machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.memGB} GB, node ${machine.node}`);

  const base = path.join(os.tmpdir(), 'route-lens-bench');
  rmSync(base, { recursive: true, force: true });
  const make = (name: string, files: number, routes: number, bigFileLines?: number): SynthWorkspace => generateWorkspace(path.join(base, name), { files, routes, seed: 8, bigFileLines });
  const small = make('w1k', 200, 1000);
  const mid = make('w5k', 1000, 5000);
  const large = make('w10k', 2000, 10000, 2000);
  results.workspaces = { small, mid, large };
  console.log(`workspaces: ${[small, mid, large].map((w) => `${w.files} files/${w.routes} routes (${(w.bytes / 1e6).toFixed(2)} MB)`).join('; ')}`);

  // ---- cold index, each in a fresh process ----
  const self = __filename;
  for (const [w, label, runs] of [
    [small, '200 files / 1k routes', 5],
    [large, '2,000 files / 10k routes', 5],
  ] as const) {
    const samples: { indexMs: number; initMs: number; diagnostics: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [self, 'cold', w.root], { encoding: 'utf8', maxBuffer: 1 << 26 });
      samples.push(JSON.parse(out) as { indexMs: number; initMs: number; diagnostics: number });
    }
    const ms = median(samples.map((s) => s.indexMs));
    const mbps = w.bytes / 1e6 / (ms / 1000);
    results[`cold ${label}`] = { ms, mbps, initMs: median(samples.map((s) => s.initMs)), diagnostics: samples[0]!.diagnostics, samples };
    const isLarge = w === large;
    rows.push({ figure: `cold index ${label} (parse+model+diagnostics)`, target: isLarge ? '≤ 2000 ms' : '—', measured: `${ms.toFixed(0)} ms`, met: isLarge ? ms <= 2000 : null });
    rows.push({ figure: `cold index throughput ${label}`, target: '—', measured: `${mbps.toFixed(2)} MB/s of Python`, met: null });
  }

  // ---- shadowing curve ----
  await initEngine();
  const models = new Map<SynthWorkspace, WorkspaceModel>();
  for (const w of [small, mid, large]) models.set(w, analyzeWorkspace(readWorkspace(w.root)));
  const curve: { routes: number; ms: number; findings: number }[] = [];
  for (const w of [small, mid, large]) {
    const tree = models.get(w)!.served[0]!.tree;
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      findings = findShadowedRoutes(tree).length;
      times.push(performance.now() - t);
    }
    curve.push({ routes: countRoutes(tree), ms: median(times), findings });
  }
  results.shadowing = curve;
  for (const c of curve) {
    const isLarge = c === curve[2];
    rows.push({ figure: `shadowing analysis, ${c.routes} routes (${c.findings} findings)`, target: isLarge ? '≤ 1000 ms' : '—', measured: `${c.ms.toFixed(0)} ms`, met: isLarge ? c.ms <= 1000 : null });
  }

  // ---- matching vs Starlette's Router ----
  const largeModel = models.get(large)!;
  const tree = largeModel.served[0]!.tree;
  const mix = requestMix(tree, 1000, 8);
  const reqs: MatchRequest[] = mix.map((m) => ({ type: 'http', method: m.method, rawPath: m.rawPath, query: m.query, host: 'localhost', scheme: 'http' }));
  const ours = reqs.map((r) => answerOf(tree, matchRequest(tree, r)));
  const kinds: Record<string, number> = {};
  for (const a of ours) kinds[String(a[0])] = (kinds[String(a[0])] ?? 0) + 1;
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    let n = 0;
    const t = performance.now();
    let elapsed = 0;
    do {
      for (const r of reqs) matchRequest(tree, r);
      n += reqs.length;
      elapsed = performance.now() - t;
    } while (elapsed < 1000);
    rates.push(n / (elapsed / 1000));
  }
  const ourRate = median(rates);
  const reqFile = path.join(base, 'requests.json');
  writeFileSync(reqFile, JSON.stringify(mix));
  const py = spawnSync(PYTHON, [path.join(REPO, 'bench/starlette_router.py'), large.root, 'app.main:app', reqFile, '3'], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  let starletteRate: number | null = null;
  let mismatches: number | null = null;
  let mismatchExamples: unknown[] = [];
  if (py.status === 0) {
    const out = JSON.parse(py.stdout) as { answers: Answer[]; seconds: number[] };
    starletteRate = mix.length / median(out.seconds);
    const bad = out.answers.flatMap((a, i) => (JSON.stringify(a) === JSON.stringify(ours[i]) ? [] : [{ request: mix[i], starlette: a, ours: ours[i] }]));
    mismatches = bad.length;
    mismatchExamples = bad.slice(0, 5);
  } else {
    console.log(`Starlette comparison failed: ${py.stderr.slice(-2000)}`);
  }
  results.matching = { ourRate, rates, starletteRate, ratio: starletteRate ? ourRate / starletteRate : null, requests: mix.length, statusMix: kinds, mismatches, mismatchExamples, routes: countRoutes(tree) };
  rows.push({ figure: `matching, ${countRoutes(tree)}-route table (mix ${Object.entries(kinds).map(([k, v]) => `${k}:${v}`).join(' ')})`, target: '≥ 1,000,000 /s', measured: `${Math.round(ourRate).toLocaleString('en-US')} /s`, met: ourRate >= 1e6 });
  rows.push({
    figure: "ratio vs Starlette's Router (same table, same requests)",
    target: '≥ 100×',
    measured: starletteRate ? `${(ourRate / starletteRate).toFixed(0)}× (Starlette ${Math.round(starletteRate).toLocaleString('en-US')} /s)` : 'not measured',
    met: starletteRate ? ourRate / starletteRate >= 100 : null,
  });
  rows.push({ figure: 'identical answers (status, handler, Location, Allow)', target: '0 differences', measured: mismatches === null ? 'not measured' : `${mismatches} of ${mix.length} differ`, met: mismatches === null ? null : mismatches === 0 });

  // ---- language server ----
  const serverJs = path.join(REPO, 'dist/server.js');
  if (existsSync(serverJs)) {
    const lsp = await measureLsp(serverJs, large.root, large.bigFile!, 40);
    results.lsp = lsp;
    rows.push({ figure: 'LSP edit→diagnostics p50 (2,000-line routes file)', target: '≤ 15 ms', measured: lsp.editP50 !== undefined ? `${lsp.editP50.toFixed(1)} ms` : `not measured (${lsp.note ?? '?'})`, met: lsp.editP50 !== undefined ? lsp.editP50 <= 15 : null });
    rows.push({ figure: 'LSP edit→diagnostics p95', target: '≤ 50 ms', measured: lsp.editP95 !== undefined ? `${lsp.editP95.toFixed(1)} ms` : 'not measured', met: lsp.editP95 !== undefined ? lsp.editP95 <= 50 : null });
    rows.push({ figure: 'LSP resident memory after indexing 10k routes', target: '≤ 250 MB', measured: lsp.rssMb !== undefined ? `${lsp.rssMb.toFixed(0)} MB` : 'not measured', met: lsp.rssMb !== undefined ? lsp.rssMb <= 250 : null });
  } else {
    results.lsp = 'not measured: dist/server.js missing (npm run build)';
    rows.push({ figure: 'LSP edit→diagnostics p50 / p95', target: '≤ 15 ms / ≤ 50 ms', measured: 'not measured (no dist/server.js)', met: null });
    rows.push({ figure: 'LSP resident memory after indexing', target: '≤ 250 MB', measured: 'not measured (no dist/server.js)', met: null });
  }
  rows.push({ figure: '.vsix size', target: '—', measured: packagedVsixSize(), met: null });
  // ---- extension activation (stand-in vscode module; not VS Code's activation-event latency) ----
  const activation: Record<string, unknown> = {};
  for (const [dir, label, runs] of [
    [path.join(REPO, 'examples'), 'examples/', 5],
    [large.root, '2,000 files / 10k routes', 3],
  ] as const) {
    const figure = `extension activation (activate() → server ready: initialized + first route count), ${label}`;
    if (!existsSync(path.join(REPO, 'dist/extension.js')) || !existsSync(serverJs)) {
      rows.push({ figure, target: '—', measured: 'not measured (no dist/extension.js or dist/server.js)', met: null });
      continue;
    }
    try {
      const a = measureActivation(self, dir, runs);
      activation[label] = a;
      rows.push({ figure, target: '—', measured: `${a.readyMs.toFixed(0)} ms (${a.status.replace(/^\$\([^)]*\) /, '')}; client started at ${a.startedMs.toFixed(0)} ms)`, met: null });
    } catch (e) {
      const err = e as { stderr?: string; message?: string };
      activation[label] = `failed: ${err.stderr || err.message}`;
      rows.push({ figure, target: '—', measured: `not measured (${(err.message ?? String(e)).split('\n')[0]})`, met: null });
    }
  }
  results.activation = activation;

  // ---- dev router under load ----
  const child = spawn(process.execPath, [self, 'devrouter', large.root], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error('dev router exited')));
    });
    const pathsFile = path.join(base, 'paths.json');
    writeFileSync(pathsFile, JSON.stringify(mix.slice(0, 500).map((m) => ({ method: m.method, path: m.rawPath + (m.query ? '?' + m.query : '') }))));
    const loads: { requestsPerSecond: number; p99: number; errors: number; timeouts: number; total: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const out = execFileSync(process.execPath, [path.join(REPO, 'bench/loadDevRouter.mjs'), url, pathsFile, '50', '8'], { encoding: 'utf8' });
      loads.push(JSON.parse(out) as (typeof loads)[number]);
    }
    const rps = median(loads.map((l) => l.requestsPerSecond));
    const p99 = median(loads.map((l) => l.p99));
    const errors = loads.reduce((s, l) => s + l.errors + l.timeouts, 0);
    results.devRouter = { rps, p99, errors, loads, table: countRoutes(tree) };
    rows.push({ figure: `dev router req/s, 50 connections (${countRoutes(tree)}-route table)`, target: '—', measured: `${Math.round(rps).toLocaleString('en-US')} req/s`, met: null });
    rows.push({ figure: 'dev router p99 latency, 50 connections', target: '—', measured: `${p99} ms`, met: null });
    rows.push({ figure: 'dev router errors + timeouts under load', target: '0', measured: String(errors), met: errors === 0 });
  } finally {
    child.kill();
  }

  // ---- table ----
  const w = [Math.max(...rows.map((r) => r.figure.length)), Math.max(...rows.map((r) => r.target.length)), Math.max(...rows.map((r) => r.measured.length))];
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w[0]!)} | ${b.padEnd(w[1]!)} | ${c.padEnd(w[2]!)} | ${d}`;
  console.log('\n' + line('figure', 'target', 'measured', 'met?'));
  console.log(line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), '----'));
  for (const r of rows) console.log(line(r.figure, r.target, r.measured, r.met === null ? '—' : r.met ? 'yes' : 'NO'));
  results.table = rows;
  results.date = new Date().toISOString();
  mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  writeFileSync(path.join(REPO, 'bench/results/latest.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nresults: bench/results/latest.json (medians of several runs; machine: ${machine.nproc} × ${machine.cpu})`);
}

const [mode, arg] = process.argv.slice(2);
const run = mode === 'cold' ? coldChild(arg!) : mode === 'devrouter' ? devRouterChild(arg!) : mode === 'activation' ? activationChild(REPO, arg!) : main();
run.catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

/** Packages the extension into a temp folder (npm run package) and returns its size. */
function packagedVsixSize(): string {
  const out = path.join(os.tmpdir(), `route-lens-bench-${process.pid}.vsix`);
  const run = spawnSync('npm', ['run', 'package', '--', '--out', out], { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0 || !existsSync(out)) return `not measured (npm run package failed: ${(run.stderr || run.stdout).trim().split('\n').pop()})`;
  const size = statSync(out).size;
  rmSync(out, { force: true });
  return `${(size / 1024).toFixed(0)} KB`;
}
