import { describe, expect, it } from 'vitest';
import { compilePythonRegex } from '../../shared/routing/pyregex';

function re(pattern: string): RegExp {
  const r = compilePythonRegex(pattern);
  if (!r.ok) throw new Error(r.reason);
  return r.regex;
}

const matches = (pattern: string, s: string) => re(pattern).exec(s)?.[0] ?? null;

describe('Python regex → JavaScript', () => {
  it('anchors at the start only (re.match)', () => {
    expect(matches('ab', 'abc')).toBe('ab');
    expect(matches('b', 'ab')).toBeNull();
  });
  it('handles re.escape output that JS u-mode rejects', () => {
    expect(matches('\\-\\ \\#\\~\\&\\{\\}', '- #~&{}')).toBe('- #~&{}');
  });
  it('treats { as a literal unless it is a valid repeat', () => {
    expect(matches('x{2,}y{,2}{z}', 'xxxyy{z}')).toBe('xxxyy{z}');
    expect(matches('a{}', 'a{}')).toBe('a{}');
    expect(compilePythonRegex('{2}').ok).toBe(false); // nothing to repeat
  });
  it('uses Python definitions of \\s \\w \\d \\b', () => {
    expect(matches('\\s+', '\x1c\x85 ')).toBe('\x1c\x85 ');
    expect(matches('\\s', '\ufeff')).toBeNull();
    expect(matches('\\w+', 'ü²Ⅻ_')).toBe('ü²Ⅻ_');
    expect(matches('\\w', '\u0301')).toBeNull();
    expect(matches('\\d+', '٢٠')).toBe('٢٠');
    expect(matches('\\bfoo\\b', 'foo')).toBe('foo');
    expect(matches('foo\\b', 'fooü')).toBeNull();
  });
  it('keeps group numbering and named back-references', () => {
    const r = compilePythonRegex('(a)(?P<n>b)(?P=n)\\1');
    expect(r.ok && r.groupIndex.get('n')).toBe(2);
    expect(matches('(a)(?P<n>b)(?P=n)\\1', 'abba')).toBe('abba');
  });
  it('reports what it cannot reproduce', () => {
    for (const p of ['(?i)a', '(?>a)', 'a*+', '\\N{DIGIT ONE}', '[\\W]', '(?(1)a|b)', 'a**', '\\q', '(a']) {
      expect(compilePythonRegex(p).ok, p).toBe(false);
    }
  });
});
