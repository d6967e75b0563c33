// Seeded generation of path/host templates (valid and invalid) and of strings that hit,
// almost hit and miss them.
import type { Rng } from './rng';

export interface CustomConvertorDesc {
  name: string;
  regex: string;
}

/** Custom convertor regexes as users write them (Python syntax). */
export const CUSTOM_CONVERTORS: readonly CustomConvertorDesc[] = [
  { name: 'slug', regex: '[a-z0-9]+(?:-[a-z0-9]+)*' },
  { name: 'hex', regex: '[0-9A-Fa-f]+' },
  { name: 'date', regex: '\\d{4}-\\d{2}-\\d{2}' },
  { name: 'word', regex: '\\w+' },
  { name: 'json', regex: '.+\\.json' },
  { name: 'spaced', regex: '\\s*x\\s*' },
  { name: 'alt', regex: 'ab|cd' },
  { name: 'brace', regex: 'x{2,}y{,2}{z}' },
  { name: 'bound', regex: '\\bfoo\\b.*' },
  { name: 'notadmin', regex: '(?!admin)[^/]+' },
  { name: 'dot', regex: '.' },
  { name: 'uni', regex: '[ä-ü]+' },
  { name: 'dash', regex: '\\-+\\~\\#' },
  { name: 'nonspace', regex: '\\S+' },
  { name: 'named', regex: '(?P<inner>[a-c])(?P=inner)' },
];

const BUILTIN = ['str', 'str', 'str', 'int', 'int', 'float', 'uuid', 'path'] as const;
const UNKNOWN = ['foo', 'Int', 'STR', '_x', 'uuid4'];

const LITERALS = [
  'items', 'a', 'users', 'v1', 'ü', '日本', 'a b', 'x.y', '%', '%20', '-', '~', '$', '^', '(', ')', '[', ']', '+', '*', '?',
  '|', '\\', '#', '&', '\n', '\t', '{a-b}', '{x:}', '{ x }', '{}', '{{', '}}', 'é', '𝟘', '.', '..', '', 'A', '1', ':', ';', '=',
  '\u2028', '\r', '\u00a0',
];

const NAMES = ['id', 'a', 'b', 'name', 'item_id', '_x', 'Z9', 'path', 'v'];

export interface TemplateSpec {
  template: string;
  /** Param slots in order: name and convertor, for filling. */
  params: { name: string; convertor: string }[];
}

export function placeholder(name: string, convertor: string | null): string {
  return convertor === null ? `{${name}}` : `{${name}:${convertor}}`;
}

/** A template for compile cases; `valid` keeps names unique and convertors known. */
export function genTemplate(rng: Rng, opts: { valid: boolean; customs: readonly CustomConvertorDesc[]; host?: boolean; noPathParam?: boolean }): TemplateSpec {
  if (opts.host) return genHost(rng, opts.valid);
  const params: TemplateSpec['params'] = [];
  const used = new Set<string>();
  let t = '';
  const segments = rng.int(0, 4);
  for (let i = 0; i < segments; i++) {
    t += '/';
    const kind = rng.next();
    if (kind < 0.45) {
      t += rng.pick(LITERALS);
      if (rng.chance(0.3)) t += rng.pick(LITERALS);
    } else {
      if (rng.chance(0.2)) t += rng.pick(LITERALS);
      let name = rng.pick(NAMES);
      if (opts.noPathParam && name === 'path') name = 'p';
      if (used.has(name) && opts.valid) name = `${name}${i}`;
      if (!opts.valid && used.size > 0 && rng.chance(0.3)) name = rng.pick([...used]);
      used.add(name);
      let conv: string | null = null;
      const c = rng.next();
      if (c < 0.55) conv = rng.pick(BUILTIN);
      else if (c < 0.75 && opts.customs.length) conv = rng.pick(opts.customs).name;
      else if (!opts.valid && c < 0.85) conv = rng.pick(UNKNOWN);
      // A custom regex with a named group, used twice, is a re.error at startup.
      if (opts.valid && conv === 'named' && params.some((p) => p.convertor === 'named')) conv = 'int';
      if (rng.chance(0.25) && conv === 'str') conv = null;
      t += placeholder(name, conv);
      params.push({ name, convertor: conv ?? 'str' });
      if (rng.chance(0.25)) t += rng.pick(['.json', '-x', ' ', '', '~', 'ü']);
    }
  }
  if (t === '' || rng.chance(0.2)) t += '/';
  if (!opts.valid && rng.chance(0.1)) t = t.replace(/^\//, '');
  return { template: t, params };
}

function genHost(rng: Rng, valid: boolean): TemplateSpec {
  const options: TemplateSpec[] = [
    { template: '{sub}.example.com', params: [{ name: 'sub', convertor: 'str' }] },
    { template: 'api.example.com', params: [] },
    { template: 'api.example.com:8000', params: [] },
    { template: '{a}.{b:int}.test:80', params: [{ name: 'a', convertor: 'str' }, { name: 'b', convertor: 'int' }] },
    { template: '{h}:{port:int}', params: [{ name: 'h', convertor: 'str' }, { name: 'port', convertor: 'int' }] },
    { template: 'Example.COM', params: [] },
    { template: '{x:path}.local', params: [{ name: 'x', convertor: 'path' }] },
  ];
  const spec = rng.pick(options);
  if (!valid && rng.chance(0.3)) return { template: '{a}.{a}.x', params: [] };
  return spec;
}

const VALUES: Record<string, readonly string[]> = {
  str: ['abc', 'a b', 'ü', 'x\n', '\n', 'a\rb', '\u2028', '1', '%', '.', '..', '😀', 'a.b', 'A', '\u0085', 'x\u00a0'],
  int: ['0', '007', '123', '99999999999999999999', '0'.repeat(4301), '12a', '-1', '١٢', '𝟘', '1.5', '', '00'],
  float: ['1.5', '0.1', '1', '10.', '.5', '1e5', '9'.repeat(400), '00.10', '123456789012345678', '0.000001', '1.0000000000000001', '0.00001', '1234567890123456.7', '5e-324'],
  uuid: [
    '12345678-1234-5678-9abc-def012345678',
    '12345678-1234-5678-9ABC-DEF012345678',
    '123456781234567890abcdef01234567',
    '12345678-1234-5678-9abc-def01234567',
    '{12345678-1234-5678-9abc-def012345678}',
  ],
  path: ['a/b', '', 'a/b/', 'x\ny', '/', 'x', 'ü/..', '.'],
  slug: ['a-b', 'abc', 'a--b', 'A', '-a'],
  hex: ['ff', 'FF00', 'g'],
  date: ['2024-01-02', '٢٠٢٤-٠١-٠٢', '2024-1-02'],
  word: ['abc_1', 'ü', 'a-b', '²', 'Ⅻ', '\u0301'],
  json: ['a.json', 'a/b.json', '.json', 'x.json\n'],
  spaced: [' x ', '\u001cx\u0085', 'x\ufeff', 'x'],
  alt: ['ab', 'cd', 'abcd'],
  brace: ['xx{z}', 'xxxyy{z}', 'x{z}', 'xxyyy{z}'],
  bound: ['foo', 'foo bar', 'foobar', 'foo.x'],
  notadmin: ['user', 'admin', 'administrator', 'xadmin'],
  dot: ['a', '\n', '\r', '\u2028', '😀', 'ab'],
  uni: ['äöü', 'ü', 'a'],
  dash: ['-~#', '--~#', '~#'],
  nonspace: ['abc', 'a b', '\u001c', '\ufeff'],
  named: ['aa', 'ab', 'cc'],
};

/** Values the convertor's regex accepts, picked most of the time so that requests hit. */
const VALID: Record<string, readonly string[]> = {
  int: ['0', '007', '123', '99999999999999999999', '00', '4294967296'],
  float: ['1.5', '0.1', '1', '9'.repeat(400), '00.10', '123456789012345678', '0.000001', '1.0000000000000001', '0.00001', '1234567890123456.7', '10000000000000000', '0.0001'],
  uuid: ['12345678-1234-5678-9abc-def012345678', '00000000-0000-0000-0000-000000000000'],
};

export function valueFor(rng: Rng, convertor: string): string {
  const valid = VALID[convertor];
  if (valid && rng.chance(0.75)) return rng.pick(valid);
  const pool = VALUES[convertor] ?? VALUES.str!;
  return rng.pick(pool);
}

/** A string for the template: each param filled, literals kept (placeholders that are not params stay as text). */
export function fill(rng: Rng, spec: TemplateSpec, override?: (conv: string) => string): string {
  let i = 0;
  return spec.template.replace(/{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}/g, () => {
    const p = spec.params[i++];
    const conv = p?.convertor ?? 'str';
    return override ? override(conv) : valueFor(rng, conv);
  });
}

/** Strings to run through the compiled regex: fills, then near misses. */
export function samplesFor(rng: Rng, spec: TemplateSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < 4; i++) out.push(fill(rng, spec));
  const base = out[0]!;
  out.push(base + '\n', base + '\n\n', base + '\r', base + '/', Array.from(base).slice(0, -1).join(''), base + '\u2028', '\n' + base);
  if (base.endsWith('/')) out.push(base.replace(/\/+$/, ''));
  return out;
}
