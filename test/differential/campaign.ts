// The routing differential campaign: seeded templates, tables and requests run through the
// engine and through the real Starlette/FastAPI (one oracle process per batch), compared, and
// the first disagreements shrunk to a small reproduction.
import { compilePath } from '../../shared/routing/compilePath';
import { builtinConvertors, withCustomConvertors } from '../../shared/routing/convertors';
import { matchRequest } from '../../shared/routing/matcher';
import type { ConvertorTable, MatchOutcome, MatchRequest } from '../../shared/routing/types';
import { ORACLE_VERSIONS } from '../../shared/versions';
import { runOracle, type OracleResult } from '../oracle/oracle';
import { Rng } from './gen/rng';
import { genRequests, genTable, toTree, type NodeDesc, type TableDesc } from './gen/tables';
import { CUSTOM_CONVERTORS, genTemplate, samplesFor, type CustomConvertorDesc } from './gen/templates';

export interface Disagreement {
  op: 'compile' | 'match';
  /** The (shrunk) case, as sent to the oracle. */
  repro: unknown;
  engine: unknown;
  oracle: unknown;
}

export interface CampaignResult {
  seed: number;
  compileCases: number;
  matchCases: number;
  /** How many cases disagreed (only the first few are kept, shrunk, in `disagreements`). */
  disagreeing: number;
  disagreements: Disagreement[];
}

const REQUESTS_PER_TABLE = 16;

function convertorTable(customs: readonly CustomConvertorDesc[]): ConvertorTable {
  return withCustomConvertors(
    builtinConvertors(ORACLE_VERSIONS.starlette),
    customs.map((c) => ({ name: c.name, regex: c.regex, convert: 'custom' as const })),
  );
}

// ---- compile ----

interface CompileCase {
  op: 'compile';
  template: string;
  customs: CustomConvertorDesc[];
  samples: string[];
}

function codePoints(s: string): number {
  return Array.from(s).length;
}

/** The engine's answer in the oracle's shape (see ops_routing.op_compile). */
export function engineCompile(c: CompileCase): OracleResult {
  const r = compilePath(c.template, convertorTable(c.customs));
  if (!r.ok) {
    const type = r.error.kind === 'unknown-convertor' ? 'AssertionError' : r.error.kind === 'duplicate-params' ? 'ValueError' : 'error';
    return { error: { type, message: r.error.kind === 'unsupported-regex' ? '(regex)' : r.error.message } };
  }
  const cp = r.compiled;
  const samples = c.samples.map((s) => {
    const m = cp.regex.exec(s);
    if (!m) return null;
    const groups: Record<string, string | null> = {};
    for (const g of cp.captures) groups[g.name] = m[g.group] ?? null;
    return { end: codePoints(m[0]), groups };
  });
  const params = cp.captures.filter((g) => g.convertor !== null).map((g) => [g.name, g.convertor!.name]);
  return { ok: { pattern: cp.pythonRegex, format: cp.format, params, samples } };
}

function normalizeOracle(r: OracleResult): unknown {
  if ('error' in r) return { error: { type: r.error.type, message: r.error.type === 'error' ? '(regex)' : r.error.message } };
  return { ok: r.ok };
}

// ---- match ----

interface MatchCase {
  op: 'match';
  app: TableDesc;
  customs: CustomConvertorDesc[];
  requests: MatchRequest[];
}

type Normalized = Record<string, unknown>;

export function normalizeOutcome(o: MatchOutcome): Normalized {
  const params = (p: Record<string, { value: string; type: string }>) =>
    Object.fromEntries(Object.entries(p).map(([k, v]) => [k, [v.value, v.type === 'custom' ? 'str' : v.type]]));
  switch (o.kind) {
    case 'route':
      return { kind: 'route', id: o.route.name, params: params(o.params) };
    case 'opaque-app':
      return { kind: 'opaque', id: o.mount.name, params: params(o.params) };
    case 'method-not-allowed':
      // Allow is a Python set joined: its order is not deterministic, so both sides are sorted.
      return { kind: '405', id: o.route.name, allow: [...o.allow].sort() };
    case 'redirect':
      return { kind: 'redirect', location: o.location };
    case 'not-found':
      return { kind: '404' };
    case 'websocket-close':
      return { kind: 'ws-close', code: 1000 };
    case 'server-error':
      return { kind: '500' };
  }
}

function normalizeOracleOutcome(o: Normalized): Normalized {
  if (o.kind === '500') return { kind: '500' };
  return o;
}

export function engineMatch(c: MatchCase): Normalized[] {
  const tree = toTree(c.app, c.customs);
  return c.requests.map((r) => normalizeOutcome(matchRequest(tree, r)));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---- shrinking ----

function withoutNode(routes: NodeDesc[], path: number[]): NodeDesc[] {
  const [i, ...rest] = path;
  if (rest.length === 0) return routes.filter((_, k) => k !== i);
  return routes.map((n, k) => (k === i && 'routes' in n ? { ...n, routes: withoutNode(n.routes, rest) } : n));
}

function nodePaths(routes: NodeDesc[], prefix: number[] = []): number[][] {
  const out: number[][] = [];
  routes.forEach((n, i) => {
    out.push([...prefix, i]);
    if ('routes' in n) out.push(...nodePaths(n.routes, [...prefix, i]));
  });
  return out;
}

function simplerRequests(r: MatchRequest): MatchRequest[] {
  const out: MatchRequest[] = [];
  for (const key of ['query', 'server', 'rootPath', 'scheme', 'host'] as const) {
    if (r[key] !== undefined) {
      const copy = { ...r };
      delete copy[key];
      out.push(copy);
    }
  }
  return out;
}

/** Greedy shrinking: drop table nodes / request details while the disagreement remains. */
function shrinkMatch(c: MatchCase, maxRounds = 12): MatchCase {
  let current = c;
  for (let round = 0; round < maxRounds; round++) {
    const candidates: MatchCase[] = [
      ...nodePaths(current.app.routes).map((p) => ({ ...current, app: { ...current.app, routes: withoutNode(current.app.routes, p) } })),
      ...simplerRequests(current.requests[0]!).map((r) => ({ ...current, requests: [r] })),
    ];
    if (current.app.docs) candidates.push({ ...current, app: { ...current.app, docs: false } });
    if (current.customs.length) candidates.push({ ...current, customs: [] });
    if (candidates.length === 0) break;
    const results = runOracle<Normalized[]>(candidates);
    const next = candidates.findIndex((cand, i) => {
      const r = results[i]!;
      if (!('ok' in r)) return false;
      let engine: Normalized[];
      try {
        engine = engineMatch(cand);
      } catch {
        return false;
      }
      return !same(engine[0], normalizeOracleOutcome(r.ok[0]!));
    });
    if (next < 0) break;
    current = candidates[next]!;
  }
  return current;
}

// ---- the campaign ----

export function runCampaign(opts: { seed: number; cases: number; maxReported?: number }): CampaignResult {
  const rng = new Rng(opts.seed);
  const maxReported = opts.maxReported ?? 5;
  const compileTarget = Math.round(opts.cases * 0.3);
  const compileCases: CompileCase[] = [];
  for (let i = 0; i < compileTarget; i++) {
    const customs = rng.chance(0.4) ? [rng.pick(CUSTOM_CONVERTORS), rng.pick(CUSTOM_CONVERTORS)].filter((c, k, a) => a.indexOf(c) === k) : [];
    const spec = genTemplate(rng, { valid: rng.chance(0.6), customs, host: rng.chance(0.1) });
    compileCases.push({ op: 'compile', template: spec.template, customs, samples: samplesFor(rng, spec) });
  }
  const matchCases: MatchCase[] = [];
  let requests = 0;
  while (requests < opts.cases - compileTarget) {
    const table = genTable(rng);
    const reqs = genRequests(rng, table, REQUESTS_PER_TABLE);
    matchCases.push({ op: 'match', app: table.desc, customs: table.customs, requests: reqs });
    requests += reqs.length;
  }

  const results = runOracle([...compileCases, ...matchCases]);
  const disagreements: Disagreement[] = [];
  let disagreeing = 0;
  compileCases.forEach((c, i) => {
    const oracle = normalizeOracle(results[i]!);
    const engine = engineCompile(c);
    if (same(engine, oracle)) return;
    disagreeing++;
    if (disagreements.length < maxReported) disagreements.push({ op: 'compile', repro: c, engine, oracle });
  });
  matchCases.forEach((c, i) => {
    const r = results[compileCases.length + i]!;
    if (!('ok' in r)) {
      disagreeing += c.requests.length;
      if (disagreements.length < maxReported) disagreements.push({ op: 'match', repro: c.app, engine: 'built', oracle: r });
      return;
    }
    const oracle = (r.ok as Normalized[]).map(normalizeOracleOutcome);
    const engine = engineMatch(c);
    engine.forEach((e, k) => {
      if (same(e, oracle[k])) return;
      disagreeing++;
      if (disagreements.length >= maxReported) return;
      const shrunk = shrinkMatch({ ...c, requests: [c.requests[k]!] });
      const shrunkOracle = runOracle<Normalized[]>([shrunk])[0]!;
      disagreements.push({
        op: 'match',
        repro: shrunk,
        engine: engineMatch(shrunk)[0],
        oracle: 'ok' in shrunkOracle ? normalizeOracleOutcome(shrunkOracle.ok[0]!) : shrunkOracle,
      });
    });
  });
  return { seed: opts.seed, compileCases: compileCases.length, matchCases: requests, disagreeing, disagreements };
}
