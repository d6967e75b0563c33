import { describe, expect, it } from 'vitest';
import { decodePythonSource } from '../../shared/workspace/encoding';
import { requireOracle, runOracle } from '../oracle/oracle';

const enc = (s: string) => Buffer.from(s, 'latin1');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Generated sources: cookie position/spelling × encoding × body bytes. */
function generatedCases(): Buffer[] {
  const cookies = [
    '',
    '# -*- coding: latin-1 -*-\n',
    '# coding=iso_8859_1\n',
    '# vim: set fileencoding=cp1252 :\n',
    '#!/usr/bin/env python\n# coding: latin-1\n',
    '\n# coding: latin-1\n',
    'x = 1\n# coding: latin-1\n',
    '#!/usr/bin/env python\n# coding: koi8-r\n',
    '  # coding: utf_8\n',
    '# coding: UTF-8-unix\n',
    '# coding: Latin-1-foo\n',
    '# coding: ascii\n',
    '# coding: iso-8859-15\n',
    '# coding: cp1251\r\n',
    '# coding: latin9\n',
    '# coding: windows_1250\n',
    '# coding: iso8859_7\n',
    '\f# coding: latin-1\n',
    '#coding:latin-1\n',
  ];
  const bodies = [
    enc('s = "plain"\r\nt = 1\n'),
    enc('s = "\xe9\xe0\x85"\n'),
    enc('s = "\x81"\n'),
    utf8('s = "é€"\n\tindented = 1\n'),
    enc('s = "\x9d\x80"\n'),
  ];
  const out: Buffer[] = [];
  for (const cookie of cookies) for (const body of bodies) out.push(Buffer.concat([enc(cookie), body]));
  out.push(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('x = "é"\n')]));
  out.push(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('# coding: utf-8\nx = 1\n')]));
  out.push(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('# coding: latin-1\nx = 1\n')]));
  out.push(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), enc('x = 1\n')]));
  out.push(enc('# coding: no-such-codec\nx = 1\n'));
  out.push(enc('# caf\xe9\n# coding: latin-1\n'));
  return out;
}

describe('decodePythonSource', () => {
  it('keeps CRLF and tabs', () => {
    const r = decodePythonSource(utf8('a = 1\r\n\tb\r\n'));
    expect(r).toEqual({ ok: true, text: 'a = 1\r\n\tb\r\n', encoding: 'utf-8' });
  });
  it('decodes latin-1 as Python does, not as WHATWG windows-1252', () => {
    const r = decodePythonSource(enc('# coding: latin-1\nx = "\x85"\n'));
    expect(r.ok && r.text.endsWith('"\u0085"\n')).toBe(true);
  });
  it('refuses a utf-16 cookie like the interpreter', () => {
    const r = decodePythonSource(enc('# -*- coding: utf-16 -*-\nx = 1\n'));
    expect(r.ok).toBe(false);
  });
  it('reports multi-byte encodings it does not decode', () => {
    const r = decodePythonSource(enc('# coding: euc_jp\nx = 1\n'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('euc_jp');
  });
  it('refuses BOM + non-utf-8 cookie', () => {
    const r = decodePythonSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('# coding: latin-1\n')]));
    expect(r).toEqual({ ok: false, message: 'encoding problem: iso-8859-1 with BOM' /* CPython's wording */ });
  });

  it('agrees with tokenize.detect_encoding + decode on generated sources', () => {
    requireOracle();
    const cases = generatedCases();
    const results = runOracle<{ text: string }>(cases.map((b) => ({ op: 'decode_source', b64: b.toString('base64') })));
    expect(cases.length).toBeGreaterThan(80);
    const mismatches: string[] = [];
    cases.forEach((bytes, i) => {
      const mine = decodePythonSource(bytes);
      const theirs = results[i]!;
      const expected = 'ok' in theirs ? theirs.ok.text : undefined;
      const actual = mine.ok ? mine.text : undefined;
      if (expected !== actual) mismatches.push(`${JSON.stringify(bytes.toString('latin1'))}: python ${JSON.stringify(expected ?? theirs)} ours ${JSON.stringify(mine)}`);
    });
    expect(mismatches).toEqual([]);
  });
});
