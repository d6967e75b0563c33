// Resolves the NAME of a `\N{NAME}` escape the way CPython's unicodedata does, for the names
// the engine knows: a table of common blocks and aliases, plus the two algorithmic families
// (CJK unified ideographs and Hangul syllables). Anything else cannot be decided statically.
import { NAME_ALIASES, NAME_BLOCKS } from './unicodeNames';

let byName: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (byName) return byName;
  byName = new Map();
  for (const [first, names] of NAME_BLOCKS) {
    names.split('|').forEach((name, i) => {
      if (name) byName!.set(name, first + i);
    });
  }
  for (const [name, code] of NAME_ALIASES) byName.set(name, code);
  return byName;
}

// Unicode 14 (Python 3.11) unified ideograph ranges, as unicodedata's is_unified_ideograph.
const IDEOGRAPH_RANGES: readonly (readonly [number, number])[] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0x20000, 0x2a6df],
  [0x2a700, 0x2b738],
  [0x2b740, 0x2b81d],
  [0x2b820, 0x2cea1],
  [0x2ceb0, 0x2ebe0],
  [0x30000, 0x3134a],
];

const JAMO_L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const JAMO_V = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const JAMO_T = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];

/** Longest jamo short name at the start of `s` (CPython's find_syllable). */
function longestJamo(s: string, names: readonly string[]): [index: number, length: number] | undefined {
  let best: [number, number] | undefined;
  names.forEach((n, i) => {
    if (s.startsWith(n) && (!best || n.length > best[1])) best = [i, n.length];
  });
  return best;
}

function hangulSyllable(rest: string): number | undefined {
  const l = longestJamo(rest, JAMO_L);
  if (!l) return undefined;
  const v = longestJamo(rest.slice(l[1]), JAMO_V);
  if (!v) return undefined;
  const t = longestJamo(rest.slice(l[1] + v[1]), JAMO_T);
  if (!t || l[1] + v[1] + t[1] !== rest.length) return undefined;
  return 0xac00 + (l[0] * JAMO_V.length + v[0]) * JAMO_T.length + t[0];
}

/** The code point named `name`, 'unknown' when no character can have that name, 'not-in-table' when the engine cannot tell. */
export function lookupUnicodeName(name: string): number | 'unknown' | 'not-in-table' {
  const upper = name.toUpperCase();
  if (!/^[A-Z0-9 -]+$/.test(upper)) return 'unknown';
  const known = table().get(upper);
  if (known !== undefined) return known;
  if (upper.startsWith('CJK UNIFIED IDEOGRAPH-')) {
    const hex = name.slice(22);
    if (!/^[0-9A-F]{4,5}$/.test(hex)) return 'unknown';
    const code = parseInt(hex, 16);
    return IDEOGRAPH_RANGES.some(([lo, hi]) => code >= lo && code <= hi) ? code : 'unknown';
  }
  if (upper.startsWith('HANGUL SYLLABLE ')) {
    return hangulSyllable(name.slice(16)) ?? 'not-in-table';
  }
  return 'not-in-table';
}
