// Python's str() of the values Starlette's convertors produce, and the errors they raise.

/** CPython ≥ 3.11 (and 3.10.7+) refuses int(str) of more digits than this (sys.int_info.default_max_str_digits). */
export const INT_MAX_STR_DIGITS = 4300;

export type PyConversion = { ok: true; value: string } | { ok: false; error: string };

/** str(int(digits)) for an ASCII-digit string (what IntegerConvertor's regex admits). */
export function pyIntStr(digits: string): PyConversion {
  if (digits.length > INT_MAX_STR_DIGITS) {
    return {
      ok: false,
      error: `ValueError: Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    };
  }
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return { ok: true, value: i === 0 ? digits : digits.slice(i) };
}

/** repr(float) / str(float) of a finite or infinite non-negative double. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument yields the shortest round-tripping digits, like repr.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const decpt = exp + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

/** str(float(text)) for text matching FloatConvertor's regex. */
export function pyFloatStr(text: string): string {
  return pyFloatRepr(Number(text));
}

/** str(uuid.UUID(text)) for text the uuid convertor's regex admits (32 hex digits, hyphens optional). */
export function pyUuidStr(text: string): string {
  const hex = text.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
