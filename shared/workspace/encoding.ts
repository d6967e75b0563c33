// Decodes Python source bytes the way CPython's tokenizer does (tokenize.detect_encoding):
// UTF-8 by default, a UTF-8 BOM, or a PEP 263 coding cookie on line 1 or 2.
import { SINGLE_BYTE_TABLES } from './singleByteTables';

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; message: string };

const BOM = [0xef, 0xbb, 0xbf];
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK = /^[ \t\f]*(?:[#\r\n]|$)/;

type Decoder = (bytes: Uint8Array) => string;

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function singleByte(table: string): Decoder {
  return (bytes) => {
    const chars: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      const c = b < 0x80 ? String.fromCharCode(b) : table[b - 0x80]!;
      if (c === '\uffff') throw new Error(`byte 0x${b.toString(16)} in position ${i} is undefined`);
      chars.push(c);
    }
    return chars.join('');
  };
}

const ascii: Decoder = (bytes) => {
  const bad = bytes.findIndex((b) => b > 0x7f);
  if (bad >= 0) throw new Error(`byte 0x${bytes[bad]!.toString(16)} in position ${bad}: ordinal not in range(128)`);
  return latin1(bytes);
};
// ignoreBOM: the caller strips the one BOM Python strips; a second one is text.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8: Decoder = (bytes) => utf8Decoder.decode(bytes);

/** Python codec aliases (lower case, "-" for "_" and " ") → the names DECODERS uses. */
const ALIASES = new Map<string, string>([
  ['utf8', 'utf-8'],
  ['latin-1', 'iso-8859-1'],
  ['latin1', 'iso-8859-1'],
  ['l1', 'iso-8859-1'],
  ['us-ascii', 'ascii'],
  ['646', 'ascii'],
  ['latin2', 'iso-8859-2'],
  ['latin3', 'iso-8859-3'],
  ['latin4', 'iso-8859-4'],
  ['cyrillic', 'iso-8859-5'],
  ['arabic', 'iso-8859-6'],
  ['greek', 'iso-8859-7'],
  ['hebrew', 'iso-8859-8'],
  ['latin5', 'iso-8859-9'],
  ['latin6', 'iso-8859-10'],
  ['thai', 'iso-8859-11'],
  ['latin7', 'iso-8859-13'],
  ['latin8', 'iso-8859-14'],
  ['latin9', 'iso-8859-15'],
  ['latin10', 'iso-8859-16'],
]);
for (const n of [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16]) ALIASES.set(`iso8859-${n}`, `iso-8859-${n}`);
for (let n = 1250; n <= 1258; n++) ALIASES.set(`windows-${n}`, `cp${n}`);

// Single-byte codecs use tables taken from Python: WHATWG's TextDecoder maps Python's undefined
// bytes to C1 controls, treats "iso-8859-1"/"ascii" as windows-1252, and Node's builds differ.
const DECODERS = new Map<string, Decoder>([
  ['utf-8', utf8],
  ['iso-8859-1', latin1],
  ['ascii', ascii],
  ...Object.entries(SINGLE_BYTE_TABLES).map(([name, table]): [string, Decoder] => [name, singleByte(table)]),
]);

/** tokenize._get_normal_name */
function normalName(name: string): string {
  const enc = name.slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (enc === 'utf-8' || enc.startsWith('utf-8-')) return 'utf-8';
  for (const latin of ['latin-1', 'iso-8859-1', 'iso-latin-1']) {
    if (enc === latin || enc.startsWith(latin + '-')) return 'iso-8859-1';
  }
  return name;
}

function lineEnd(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; i++) if (bytes[i] === 0x0a) return i + 1;
  return bytes.length;
}

function findCookie(line: Uint8Array): { ok: true; name?: string } | { ok: false; message: string } {
  let text: string;
  try {
    text = utf8(line);
  } catch {
    return { ok: false, message: 'invalid or missing encoding declaration' };
  }
  const m = COOKIE.exec(text);
  return { ok: true, name: m ? normalName(m[1]!) : undefined };
}

/** Decodes a Python source file's bytes. Line endings and tabs are kept as they are. */
export function decodePythonSource(bytes: Uint8Array): DecodeResult {
  let body = bytes;
  const hasBom = BOM.every((b, i) => bytes[i] === b);
  if (hasBom) body = bytes.subarray(3);

  const end1 = lineEnd(body, 0);
  const line1 = body.subarray(0, end1);
  let cookie = findCookie(line1);
  if (!cookie.ok) return cookie;
  if (cookie.name === undefined && BLANK.test(latin1(line1)) && end1 < body.length) {
    cookie = findCookie(body.subarray(end1, lineEnd(body, end1)));
    if (!cookie.ok) return cookie;
  }

  let encoding = 'utf-8';
  if (cookie.name !== undefined) {
    const normal = cookie.name.toLowerCase().replace(/[_ ]/g, '-');
    const key = ALIASES.get(normal) ?? normal;
    if (hasBom && key !== 'utf-8') return { ok: false, message: `encoding problem: ${cookie.name} with BOM` };
    if (!DECODERS.has(key)) {
      const why = /^utf-?(16|32)/.test(key)
        ? ' (not an ASCII-compatible encoding; Python cannot read it either)'
        : ' (unknown to Python, or a multi-byte encoding Route Lens does not decode)';
      return { ok: false, message: `encoding problem: ${cookie.name}${why}` };
    }
    encoding = key;
  }
  try {
    return { ok: true, text: DECODERS.get(encoding)!(body), encoding };
  } catch (err) {
    return { ok: false, message: `cannot decode as ${encoding}: ${(err as Error).message}` };
  }
}
