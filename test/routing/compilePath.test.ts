import { describe, expect, it } from 'vitest';
import { compilePath, pythonReEscape } from '../../shared/routing/compilePath';
import { builtinConvertors, withCustomConvertors } from '../../shared/routing/convertors';
import type { CompiledPath } from '../../shared/routing/types';

const table = builtinConvertors([0, 26, 1]);

function ok(template: string, t = table): CompiledPath {
  const r = compilePath(template, t);
  if (!r.ok) throw new Error(r.error.message);
  return r.compiled;
}

describe('compilePath (starlette.routing.compile_path)', () => {
  it('builds the regex string and format Starlette builds', () => {
    const c = ok('/items/{id:int}/{name}');
    expect(c.pythonRegex).toBe('^/items/(?P<id>[0-9]+)/(?P<name>[^/]+)$');
    expect(c.format).toBe('/items/{id}/{name}');
    expect(c.params.map((p) => [p.name, p.convertor, p.start, p.end])).toEqual([
      ['id', 'int', 7, 15],
      ['name', 'str', 16, 22],
    ]);
    expect(c.isHost).toBe(false);
  });

  it('escapes literals like re.escape and keeps non-placeholders literal', () => {
    expect(pythonReEscape('a-b c#~&.')).toBe('a\\-b\\ c\\#\\~\\&\\.');
    const c = ok('/{a-b}/{x:}/{ x }/ü');
    expect(c.params).toEqual([]);
    expect(c.pythonRegex).toBe('^/\\{a\\-b\\}/\\{x:\\}/\\{\\ x\\ \\}/ü$');
    expect(c.regex.exec('/{a-b}/{x:}/{ x }/ü')).not.toBeNull();
  });

  it('reports the first unknown convertor before duplicates, with the framework message', () => {
    const r = compilePath('/{a}/{a}/{b:foo}', table);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'unknown-convertor', message: "Unknown path convertor 'foo'", convertor: 'foo' });
  });

  it('collects duplicates over the whole path, sorted, with the plural', () => {
    const one = compilePath('/{a}/{a:int}', table);
    expect(!one.ok && one.error.message).toBe('Duplicated param name a at path /{a}/{a:int}');
    const two = compilePath('/{b}/{a}/{b}/{a}', table);
    expect(!two.ok && two.error.message).toBe('Duplicated param names a, b at path /{b}/{a}/{b}/{a}');
  });

  it('treats a template without a leading slash as a host pattern and drops the port from the regex only', () => {
    const c = ok('{sub}.example.com:8000');
    expect(c.isHost).toBe(true);
    expect(c.pythonRegex).toBe('^(?P<sub>[^/]+)\\.example\\.com$');
    expect(c.format).toBe('{sub}.example.com:8000');
    // Only the tail after the last param is split at ':'.
    expect(ok('{h}:{port:int}').pythonRegex).toBe('^(?P<h>[^/]+):(?P<port>[0-9]+)$');
  });

  it('reproduces Python `$` and `.`: one final newline is allowed, \\r and U+2028 are ordinary', () => {
    const lit = ok('/items');
    expect(lit.regex.exec('/items\n')).not.toBeNull();
    expect(lit.regex.exec('/items\n\n')).toBeNull();
    const p = ok('/f/{rest:path}');
    const m = p.regex.exec('/f/a\rb\u2028c\n')!;
    expect(m[p.captures[0]!.group]).toBe('a\rb\u2028c');
    const i = ok('/n/{x:int}');
    expect(i.regex.exec('/n/١٢')).toBeNull(); // [0-9] is ASCII even in Python
  });

  it('switches the uuid regex with the Starlette version', () => {
    expect(ok('/{u:uuid}').regex.exec('/12345678-1234-5678-9ABC-DEF012345678')).toBeNull();
    const newer = ok('/{u:uuid}', builtinConvertors([0, 43, 0]));
    expect(newer.regex.exec('/123456781234567890ABCDEF01234567')).not.toBeNull();
  });

  it('uses custom convertors (Unicode \\d, named groups) and reports unsupported regexes', () => {
    const t = withCustomConvertors(table, [
      { name: 'date', regex: '\\d{4}-\\d{2}', convert: 'custom' },
      { name: 'atomic', regex: '(?>a+)', convert: 'custom' },
    ]);
    expect(ok('/{d:date}', t).regex.exec('/٢٠٢٤-٠١')).not.toBeNull();
    const bad = compilePath('/{x:atomic}', t);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ kind: 'unsupported-regex', convertors: ['atomic'] });
  });
});
