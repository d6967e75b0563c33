// RL004 against the real FastAPI: on generated docstrings (indents with spaces/tabs/\f, the \f on
// the first line, at a line start, inside the indentation, after text, alone, raw strings), the
// warning fires exactly when the published description shows text from after the \f (every
// generated hidden part contains "HIDDEN"), and the quick fix publishes the intended text.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, readWorkspace } from '../../shared/engine';
import { checkWorkspace } from '../../shared/rules/index';
import { requireOracle, runOracle } from '../oracle/oracle';
import { applyEdits, check } from './fixture';
import { mulberry32, suiteSeed } from '../differential/gen/rng';

const INDENTS = ['', ' ', '  ', '    ', '    ', '        ', '\t', '  \t', '\t ', '   '];
const FF_PLACES = ['first-start', 'first-after-space', 'line-start', 'in-indent', 'after-indent', 'after-text', 'alone', 'end-of-previous'] as const;

interface Doc {
  value: string;
  raw: boolean;
}

function generate(rand: () => number): Doc {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const raw = rand() < 0.1;
  const ff = raw ? '\\f' : '\f';
  const place = pick(FF_PLACES);
  const lines: string[] = [];
  const before = Math.floor(rand() * 3);
  if (place === 'first-start') lines.push(ff + 'HIDDEN first');
  else if (place === 'first-after-space') lines.push(pick(['', ' ', '  ']) + ff + ' HIDDEN first');
  else {
    lines.push(pick(['', ' ']) + 'Summary line.');
    for (let i = 0; i < before; i++) lines.push(rand() < 0.2 ? pick(['', '   ']) : pick(INDENTS) + 'visible ' + i);
    const indent = pick(INDENTS);
    switch (place) {
      case 'line-start':
        lines.push(ff + indent + 'HIDDEN a');
        break;
      case 'in-indent':
        lines.push(indent.slice(0, 1) + ff + indent.slice(1) + 'HIDDEN b');
        break;
      case 'after-indent':
        lines.push(indent + ff + 'HIDDEN c');
        break;
      case 'after-text':
        lines.push(indent + 'text' + ff + 'HIDDEN d');
        break;
      case 'alone':
        lines.push(indent + ff, pick(INDENTS) + 'HIDDEN e');
        break;
      case 'end-of-previous':
        lines[lines.length - 1] += ff;
        lines.push(indent + 'HIDDEN f');
        break;
    }
  }
  const after = Math.floor(rand() * 3);
  for (let i = 0; i < after; i++) lines.push(rand() < 0.2 ? '' : pick(INDENTS) + (rand() < 0.15 ? ff : '') + 'HIDDEN more');
  lines.push(pick(['', '    ', '\t']));
  return { value: lines.join('\n'), raw };
}

/** A Python string literal whose value is doc.value. */
function literal(doc: Doc): string {
  if (doc.raw) return `r"""${doc.value}"""`;
  const escaped = doc.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\f/g, '\\f').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

const COUNT = 400;

describe('RL004 differential (Debian FastAPI 0.92 / Python 3.11)', () => {
  it('fires exactly when the published description leaks hidden text; fixes publish the intended cut', async () => {
    requireOracle();
    const rand = mulberry32(suiteSeed('form-feed rule'));
    const docs = Array.from({ length: COUNT }, () => generate(rand));
    let source = 'from fastapi import FastAPI\n\napp = FastAPI()\n';
    const startOfCase: number[] = [];
    docs.forEach((doc, i) => {
      source += `\n@app.get("/r${i}")\ndef r${i}():\n`;
      startOfCase.push(source.length);
      source += `    ${literal(doc)}\n    return None\n`;
    });
    const r = await check({ 'app.py': source }, { select: ['RL004'] });
    const published = runOracle<string>(docs.map((d) => ({ op: 'rules_description', doc: d.value })));
    const caseAt = (offset: number) => {
      let i = startOfCase.length - 1;
      while (i >= 0 && startOfCase[i]! > offset) i--;
      return i;
    };
    const fired = new Map<number, (typeof r.diagnostics)[number]>();
    for (const d of r.diagnostics) {
      const i = caseAt(d.span.start);
      expect(i, `diagnostic before the first case`).toBeGreaterThanOrEqual(0);
      fired.set(i, d);
    }
    let leaks = 0;
    const mismatches: string[] = [];
    docs.forEach((doc, i) => {
      const res = published[i]!;
      if (!('ok' in res)) throw new Error(`oracle failed on ${JSON.stringify(doc.value)}: ${JSON.stringify(res)}`);
      const leaked = res.ok.includes('HIDDEN') || (doc.raw && res.ok.includes('\\f'));
      if (leaked) leaks++;
      if (leaked !== fired.has(i)) mismatches.push(`${JSON.stringify(doc.value)} published ${JSON.stringify(res.ok)} fired=${fired.has(i)}`);
      const d = fired.get(i);
      if (d) expect(d.message).toContain(JSON.stringify(res.ok.length > 160 ? res.ok.slice(0, 159) + '…' : res.ok));
    });
    expect(mismatches).toEqual([]);
    expect(leaks).toBeGreaterThan(40);
    expect(COUNT - leaks).toBeGreaterThan(40);

    // Apply every non-raw fix, re-read the docstrings, and ask FastAPI again.
    const file = r.diagnostics[0]!.span.file;
    const edits = r.diagnostics.filter((d) => d.fixes.length && !docs[caseAt(d.span.start)]!.raw).flatMap((d) => d.fixes[0]!.edits);
    const fixed = applyEdits(edits, (f) => readFileSync(f, 'utf8')).get(file)!;
    writeFileSync(file, fixed);
    const model = analyzeWorkspace(readWorkspace(r.root));
    expect(checkWorkspace(model, { select: ['RL004'] }).filter((d) => d.fixes.length && !d.message.includes('raw'))).toEqual([]);
    const routes = model.apps[0]!.tree.routes.filter((n) => n.kind === 'route' && n.flavor === 'api');
    const fixedDocs = routes.map((n) => (n.kind === 'route' ? (n.api?.docstring?.value ?? '') : ''));
    const again = runOracle<string>(fixedDocs.map((doc) => ({ op: 'rules_description', doc })));
    const stillLeaking = again.filter((res, i) => 'ok' in res && res.ok.includes('HIDDEN') && !docs[i]!.raw && fired.get(i)?.fixes.length);
    expect(stillLeaking).toEqual([]);
    expect(edits.length).toBeGreaterThan(20);
  }, 120_000);
});
