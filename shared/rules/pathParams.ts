// The `{name}` / `{name:convertor}` placeholders of a template exactly as Starlette's
// PARAM_REGEX finds them, without compiling (so every fault of a template can be reported).
import type { Span } from '../model/span';
import type { StringWithMap } from '../routing/types';
import type { RuleContext } from './context';

const PARAM_REGEX = /{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}/g;

export interface Placeholder {
  name: string;
  /** 'str' when absent */
  convertor: string;
  /** Whether `:convertor` was written. */
  explicitConvertor: boolean;
  /** Offsets in the template. */
  start: number;
  end: number;
}

const MAX_REMEMBERED = 50_000;
const remembered = new Map<string, readonly Placeholder[]>();

/** The placeholders of a template (remembered: rules ask for the same templates again and again). */
export function placeholders(template: string): readonly Placeholder[] {
  let found = remembered.get(template);
  if (!found) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(template, (found = scanPlaceholders(template)));
  }
  return found;
}

function scanPlaceholders(template: string): Placeholder[] {
  return [...template.matchAll(PARAM_REGEX)].map((m) => ({
    name: m[1]!,
    convertor: m[2] === undefined ? 'str' : m[2].slice(1),
    explicitConvertor: m[2] !== undefined,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * Source range of template[start, end) for a declaration whose own literal `pathString` ends the
 * template (the prefixes come first) or starts it (a Mount's literal before its trailing "/" was
 * stripped and "/{path:path}" added); undefined when that part came from elsewhere.
 */
export function templateRange(ctx: RuleContext, template: string, pathString: StringWithMap | undefined, start: number, end: number): Span | undefined {
  if (!pathString) return undefined;
  const own = pathString.value;
  let base: number;
  let length: number;
  if (template.endsWith(own)) {
    base = template.length - own.length;
    length = own.length;
  } else {
    const trimmed = own.replace(/\/+$/, '');
    if (!template.startsWith(trimmed)) return undefined;
    base = 0;
    length = trimmed.length;
  }
  if (start < base || end > base + length) return undefined;
  return ctx.rangeIn(pathString, start - base, end - base);
}
