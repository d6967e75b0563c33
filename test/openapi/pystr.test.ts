import { describe, expect, it } from 'vitest';
import { isPyWhitespace, isPyWordChar, pyExpandTabs, pyLstrip, pyReplaceNonWord, pyStrip, pyTitle } from '../../shared/openapi/pystr';
import { requireOracle, runOracle } from '../oracle/oracle';
import { mulberry32, suiteSeed } from '../differential/gen/rng';

interface UnicodeTables {
  unicode: string;
  titles: [number, string, string][];
  word: [number, number][];
  cased: [number, number][];
  unassigned: [number, number][];
  whitespace: number[];
}

// Assigned in Unicode 14 (Python 3.11) but given new case properties by later Unicode versions
// (ƛ/ɤ got capitals in Unicode 16, modifier letters became Cased, ...). JS uses the runtime's tables.
const UNICODE_DRIFT = new Set([0x19b, 0x264, 0x295, 0x10fc, 0xa7d3, 0xa7d5, 0xa7f2, 0xa7f3, 0xa7f4, 0xab69]);

function inRanges(ranges: [number, number][]): (cp: number) => boolean {
  const flags = new Uint8Array(0x110000);
  for (const [lo, hi] of ranges) flags.fill(1, lo, hi + 1);
  return (cp) => flags[cp] === 1;
}

describe('Python str semantics over every code point', () => {
  it('title(), \\w, Cased and isspace() agree with CPython (except code points unassigned in its Unicode)', () => {
    requireOracle();
    const [result] = runOracle<UnicodeTables>([{ op: 'unicode_tables' }]);
    if (!result || !('ok' in result)) throw new Error(JSON.stringify(result));
    const t = result.ok;
    const titles = new Map(t.titles.map(([cp, alone, after]) => [cp, [alone, after] as const]));
    const word = inRanges(t.word);
    const cased = inRanges(t.cased);
    const unassigned = inRanges(t.unassigned);
    const mismatches: string[] = [];
    let newerUnicode = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const [alone, after] = titles.get(cp) ?? [ch, ch];
      const problems: string[] = [];
      if (pyTitle(ch) !== alone) problems.push(`title ${JSON.stringify(pyTitle(ch))} != ${JSON.stringify(alone)}`);
      if (pyTitle('A' + ch).slice(1) !== after) problems.push(`title after cased ${JSON.stringify(pyTitle('A' + ch).slice(1))} != ${JSON.stringify(after)}`);
      if (isPyWordChar(ch) !== word(cp)) problems.push(`\\w ${isPyWordChar(ch)}`);
      if (pyTitle(ch + 'a').endsWith('a') !== cased(cp)) problems.push(`cased ${!cased(cp)}`);
      if (isPyWhitespace(ch) !== t.whitespace.includes(cp)) problems.push('isspace');
      if (problems.length === 0) continue;
      if (unassigned(cp) || UNICODE_DRIFT.has(cp)) newerUnicode++;
      else mismatches.push(`U+${cp.toString(16)}: ${problems.join(', ')}`);
    }
    console.log(`Python Unicode ${t.unicode}; JS Unicode ${process.versions.unicode}; ${newerUnicode} code points differ only because of newer Unicode data (unassigned in Python's, or changed case properties)`);
    expect(mismatches.slice(0, 30)).toEqual([]);
  });
});

describe('strip / title / expandtabs on generated strings', () => {
  it('agree with CPython', () => {
    requireOracle();
    const seed = suiteSeed('python str semantics');
    const rand = mulberry32(seed);
    const alphabet = ['a', 'Z', ' ', '\t', '\n', '\r', '\f', '\v', '\x1c', '\x1f', '\x85', '\xa0', '\u3000', '\ufeff', '\u200b', '_', '2', 'ß', 'ǆ', 'Σ', 'σ', 'ς', 'ΑΣ', "'", '-', '😀', '𝐀', 'e\u0301', 'İ', 'ﬁ', 'ᾳ', 'ა', '中', '٣'];
    const strings = Array.from({ length: 1500 }, () =>
      Array.from({ length: Math.floor(rand() * 14) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''),
    );
    const results = runOracle<{ strip: string; title: string; expandtabs: string }>(strings.map((s) => ({ op: 'str_ops', s })));
    const failures: string[] = [];
    strings.forEach((s, i) => {
      const r = results[i]!;
      if (!('ok' in r)) throw new Error(JSON.stringify(r));
      const mine = { strip: pyStrip(s), title: pyTitle(s), expandtabs: pyExpandTabs(s) };
      if (JSON.stringify(mine) !== JSON.stringify(r.ok)) failures.push(`${JSON.stringify(s)}: ${JSON.stringify(mine)} != ${JSON.stringify(r.ok)}`);
    });
    expect(failures.slice(0, 20)).toEqual([]);
  });
});

describe('pystr examples', () => {
  it('titles like Python', () => {
    expect(pyTitle('read items2go')).toBe('Read Items2Go');
    expect(pyTitle("they're ǆungla ßx")).toBe("They'Re ǅungla Ssx");
    expect(pyTitle('ΣΑΣ ΣΑΣA')).toBe('Σας Σασa');
  });
  it('strips Python whitespace, not JavaScript whitespace', () => {
    expect(pyStrip('\x1c\x85 a \ufeff')).toBe('a \ufeff');
    expect(pyLstrip('  \fx', ' ')).toBe('\fx');
  });
  it('expands tabs by code point columns', () => {
    expect(pyExpandTabs('😀\tx')).toBe('😀       x');
    expect(pyExpandTabs('ab\r\tc')).toBe('ab\r        c');
  });
  it('replaces non-word code points one for one', () => {
    expect(pyReplaceNonWord('a-b/😀/é\u0301', '_')).toBe('a_b___é_');
  });
});
