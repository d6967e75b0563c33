import { describe, expect, it } from 'vitest';
import { cleandoc, cleandocMapped, compilerDocstring } from '../../shared/openapi/cleandoc';
import { descriptionFor, operationIdFor, summaryFor } from '../../shared/openapi/fields';
import { ORACLE_VERSIONS } from '../../shared/versions';
import { requireOracle, runOracle } from '../oracle/oracle';
import { mulberry32, suiteSeed } from '../differential/gen/rng';

const PY311 = ORACLE_VERSIONS.python;
const PY313 = [3, 13];

const INDENTS = ['', '', ' ', '    ', '    ', '        ', '\t', '  \t', '\t ', '\f', '    \f', '\v  ', '\x1c ', '\u3000', '\xa0'];
const WORDS = ['Read', 'items', 'é', '中文', '😀', 'e\u0301', 'x_y', 'Σ', '\f', 'a\fb', '\t', '  ', '-', '{id}'];
const TRAILING = ['', '', '', ' ', '\t', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\u3000', '\ufeff', '\xa0', '\f', '\v', '\r'];
const NAME_PARTS = ['read', 'items', '2go', '_', '_', '__', 'é', 'ǆ', 'ß', 'ﬁ', 'ΣΑΣ', 'σ', 'x\u0301', 'İ', 'ა', '中文', '٣', 'Ⅻ', '-', ' ', '.', '😀', 'ᾳ', 'ŉ', '²', 'Dž', 'get'];
const SEGMENTS = ['items', 'users', 'ünï', 'a-b', 'v1.2', '中', '%20', '~', 'x y', '😀'];
const PARAMS = ['{item_id}', '{x:int}', '{p:path}', '{id:uuid}', '{y:float}', '{é}', '{a-b}'];
const METHODS = ['GET', 'post', 'Put', 'DELETE', 'patch', 'OPTIONS'];

interface FieldCase {
  op: 'openapi_fields';
  name: string;
  path: string;
  methods: string[];
  doc: string | null;
  summary?: string;
  description?: string;
  operation_id?: string;
}

function generateDoc(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const lines: string[] = [];
  const count = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.15) {
      lines.push('');
      continue;
    }
    if (r < 0.25) {
      lines.push(pick(INDENTS) + pick(TRAILING));
      continue;
    }
    let line = i === 0 && rand() < 0.6 ? '' : pick(INDENTS);
    if (rand() < 0.25) line += '\f';
    const words = 1 + Math.floor(rand() * 4);
    for (let w = 0; w < words; w++) line += (w ? ' ' : '') + pick(WORDS);
    line += pick(TRAILING);
    lines.push(line);
  }
  const doc = lines.join('\n');
  return rand() < 0.1 ? '\n' + doc : doc;
}

function generateCase(rand: () => number): FieldCase {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let name = '';
  const parts = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < parts; i++) name += pick(NAME_PARTS);
  const used = new Set<string>();
  let path = '';
  const segs = Math.floor(rand() * 4);
  for (let i = 0; i < segs; i++) {
    const seg = rand() < 0.4 ? pick(PARAMS) : pick(SEGMENTS);
    if (used.has(seg)) continue;
    used.add(seg);
    path += '/' + seg;
  }
  if (!path || rand() < 0.1) path += '/';
  const methods = rand() < 0.15 ? [pick(METHODS), pick(METHODS)] : [pick(METHODS)];
  const c: FieldCase = { op: 'openapi_fields', name, path, methods, doc: rand() < 0.1 ? null : generateDoc(rand) };
  if (rand() < 0.1) c.summary = rand() < 0.3 ? '' : 'Custom ' + pick(NAME_PARTS);
  if (rand() < 0.1) c.description = rand() < 0.3 ? '' : generateDoc(rand);
  if (rand() < 0.08) c.operation_id = rand() < 0.3 ? '' : 'op_' + pick(NAME_PARTS);
  return c;
}

/** Starlette's path_format: `{name:conv}` placeholders lose their convertor. */
const pathFormatOf = (path: string): string => path.replace(/\{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?\}/g, '{$1}');

interface Fields {
  summary: string;
  description: string | null;
  operationId: string;
  pathFormat: string;
}

describe('OpenAPI fields match FastAPI 0.92 on generated routes', () => {
  it('summary, description, operationId and cleandoc agree', () => {
    requireOracle();
    const seed = suiteSeed('openapi fields');
    const rand = mulberry32(seed);
    const cases = Array.from({ length: 3200 }, () => generateCase(rand));
    const docs = cases.flatMap((c) => [c.doc, c.description]).filter((d): d is string => typeof d === 'string');
    const results = runOracle<Fields>(cases);
    const cleaned = runOracle<string>(docs.map((doc) => ({ op: 'cleandoc', doc })));
    const failures: string[] = [];
    let lostFormFeeds = 0;
    cases.forEach((c, i) => {
      const r = results[i]!;
      if (!('ok' in r)) {
        failures.push(`${JSON.stringify(c)}: oracle error ${JSON.stringify(r.error)}`);
        return;
      }
      const expected = r.ok;
      const input: { docstring?: string; description?: string } = {};
      if (c.doc !== null) input.docstring = c.doc;
      if (c.description !== undefined) input.description = c.description;
      const description = descriptionFor(input, PY311);
      if (description.formFeedLost) lostFormFeeds++;
      const opId = operationIdFor(c.name, pathFormatOf(c.path), c.methods, c.operation_id);
      const problems: string[] = [];
      if (pathFormatOf(c.path) !== expected.pathFormat) problems.push(`pathFormat ${expected.pathFormat}`);
      if (summaryFor(c.name, c.summary) !== expected.summary) problems.push(`summary ${JSON.stringify(summaryFor(c.name, c.summary))} != ${JSON.stringify(expected.summary)}`);
      if ((description.published || null) !== expected.description) {
        problems.push(`description ${JSON.stringify(description.published)} != ${JSON.stringify(expected.description)}`);
      }
      if (!opId.candidates.includes(expected.operationId)) problems.push(`operationId ${JSON.stringify(opId.candidates)} lacks ${expected.operationId}`);
      if (opId.operationId !== undefined && opId.operationId !== expected.operationId) problems.push(`operationId ${opId.operationId}`);
      if (problems.length) failures.push(`${JSON.stringify(c)}: ${problems.join('; ')}`);
    });
    docs.forEach((doc, i) => {
      const r = cleaned[i]!;
      if (!('ok' in r)) throw new Error(JSON.stringify(r));
      const mine = cleandoc(doc, PY311);
      if (mine !== r.ok) failures.push(`cleandoc(${JSON.stringify(doc)}) = ${JSON.stringify(mine)} != ${JSON.stringify(r.ok)}`);
    });
    console.log(`openapi differential: ${cases.length} routes, ${docs.length} cleandoc inputs, ${lostFormFeeds} lost form feeds, ${failures.length} failures`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(lostFormFeeds).toBeGreaterThan(20);
  });
});

describe('descriptionFor', () => {
  it('reports a form feed cleandoc deleted (Python 3.11)', () => {
    const d = descriptionFor({ docstring: 'A\n    \fB\n    ' }, PY311);
    expect(d).toMatchObject({ published: 'A\nB', formFeedLost: true, intended: 'A', source: 'docstring', formFeedIndex: 6 });
    expect(descriptionFor({ docstring: 'A\n    x\n    \fB' }, PY311)).toMatchObject({ published: 'A\nx', formFeedLost: false });
    expect(descriptionFor({ docstring: 'A\n        x\n    \fB' }, PY311)).toMatchObject({ published: 'A\n   x\nB', formFeedLost: true, intended: 'A\n   x' });
    expect(descriptionFor({ docstring: '\fHidden' }, PY311)).toMatchObject({ published: 'Hidden', formFeedLost: true, intended: '' });
  });
  it('keeps the form feed from Python 3.13 (compiler dedent, lstrip(" "))', () => {
    expect(descriptionFor({ docstring: 'A\n    \fB\n    ' }, PY313)).toMatchObject({ published: 'A', formFeedLost: false });
    expect(descriptionFor({ docstring: '\fHidden' }, PY313)).toMatchObject({ published: '', formFeedLost: false });
  });
  it('maps the published text back into the docstring', () => {
    const doc = 'Title\n\t  Body é\n';
    const d = descriptionFor({ docstring: doc }, PY311);
    expect(d.published).toBe('Title\nBody é');
    expect(d.publishedFrom.map((i) => doc[i]).join('')).toBe('Title\nBody é');
  });
  it('truncates and strips an explicit description, ignoring the docstring', () => {
    expect(descriptionFor({ description: ' x\x1c\fy', docstring: 'doc' }, PY311)).toMatchObject({ published: 'x', source: 'description' });
    expect(descriptionFor({ description: '', docstring: ' doc ' }, PY311)).toMatchObject({ published: 'doc', source: 'docstring' });
    expect(descriptionFor({}, PY311)).toMatchObject({ published: '', source: 'none' });
  });
});

describe('cleandoc and the 3.13 compiler dedent', () => {
  it('cleandoc 3.13 only strips spaces', () => {
    expect(cleandoc('  a\n\t\fb\n    c\n', PY313)).toBe('a\n    \fb\nc');
    expect(cleandoc('  a\n\t\fb\n', PY311)).toBe('a\nb');
    expect(cleandoc('  a\n\t\fb\n', PY313)).toBe('a\n\fb');
  });
  it('the compiler dedents with spaces only and keeps blank lines', () => {
    expect(compilerDocstring('  a\n    b\n\n      c\n    ', PY313)).toBe('a\nb\n\n  c\n');
    expect(compilerDocstring('x\n\tb\n    \fc', PY313)).toBe('x\n    b\n\fc');
    expect(compilerDocstring('  a\n    b', PY311)).toBe('  a\n    b');
  });
  it('maps cleaned text to input indices, tabs included', () => {
    const doc = ' a\n\tb\n\t\tc';
    const m = cleandocMapped(doc, PY311);
    expect(m.value).toBe('a\nb\n        c');
    expect(m.from).toEqual([1, 2, 4, 5, 7, 7, 7, 7, 7, 7, 7, 7, 8]);
  });
});

describe('summaryFor and operationIdFor', () => {
  it('titles the name', () => {
    expect(summaryFor('read_items2go')).toBe('Read Items2Go');
    expect(summaryFor('read_items', 'Mine')).toBe('Mine');
    expect(summaryFor('read_items', '')).toBe('Read Items');
  });
  it('builds the operation id from the full path format', () => {
    expect(operationIdFor('read_item', '/items/{item_id}', ['get'])).toEqual({
      operationId: 'read_item_items__item_id__get',
      candidates: ['read_item_items__item_id__get'],
      explicit: false,
    });
    expect(operationIdFor('é😀', '/a-b', ['GET'])).toMatchObject({ operationId: 'é__a_b_get' });
  });
  it('returns every candidate when several methods make the choice depend on set order', () => {
    const id = operationIdFor('f', '/x', ['GET', 'post', 'get']);
    expect(id.operationId).toBeUndefined();
    expect(id.candidates).toEqual(['f_x_get', 'f_x_post']);
    expect(operationIdFor('f', '/x', ['GET', 'POST'], 'mine')).toEqual({ operationId: 'mine', candidates: ['mine'], explicit: true });
  });
});
