// starlette.routing.compile_path, reproduced: the regex string Starlette builds, its format,
// the params, and a JavaScript RegExp with Python `re.match` semantics.
import { compilePythonRegex } from './pyregex';
import type { CompileResult, Convertor, ConvertorTable, PathParam } from './types';

const PARAM_REGEX = /{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}/g;

// re.escape (Python ≥ 3.7): exactly these characters get a backslash.
const ESCAPED = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');

/** Python's `re.escape` for str patterns. */
export function pythonReEscape(text: string): string {
  let out = '';
  for (const c of text) out += ESCAPED.has(c) ? `\\${c}` : c;
  return out;
}

// Results depend only on the template and the convertor table; the same templates come back
// from every rule, the matcher and each re-analysis.
const cache = new WeakMap<ConvertorTable, Map<string, CompileResult>>();
const MAX_CACHED = 50_000;

/** starlette.routing.compile_path. The result is shared between callers: do not modify it. */
export function compilePath(template: string, convertors: ConvertorTable): CompileResult {
  let byTemplate = cache.get(convertors);
  if (!byTemplate) cache.set(convertors, (byTemplate = new Map()));
  let result = byTemplate.get(template);
  if (!result) {
    if (byTemplate.size >= MAX_CACHED) byTemplate.clear();
    result = compileUncached(template, convertors);
    byTemplate.set(template, result);
  }
  return result;
}

function compileUncached(template: string, convertors: ConvertorTable): CompileResult {
  const isHost = !template.startsWith('/');
  let pythonRegex = '^';
  let format = '';
  const params: PathParam[] = [];
  const byName = new Map<string, Convertor>();
  const duplicated = new Set<string>();
  let idx = 0;
  for (const m of template.matchAll(PARAM_REGEX)) {
    const name = m[1]!;
    const convertorName = m[2] === undefined ? 'str' : m[2].slice(1);
    const start = m.index;
    const param: PathParam = { name, convertor: convertorName, start, end: start + m[0].length };
    const convertor = convertors.get(convertorName);
    if (!convertor) {
      // The assertion fires inside the loop, before duplicates are reported.
      const message = `Unknown path convertor '${convertorName}'`;
      return { ok: false, error: { kind: 'unknown-convertor', message, convertor: convertorName, param } };
    }
    pythonRegex += pythonReEscape(template.slice(idx, start)) + `(?P<${name}>${convertor.regex})`;
    format += template.slice(idx, start) + `{${name}}`;
    if (byName.has(name)) duplicated.add(name);
    byName.set(name, convertor);
    params.push(param);
    idx = param.end;
  }
  if (duplicated.size > 0) {
    // Python sorts str by code point; every name here is ASCII, so the default sort agrees.
    const names = [...duplicated].sort();
    const message = `Duplicated param name${names.length > 1 ? 's' : ''} ${names.join(', ')} at path ${template}`;
    return {
      ok: false,
      error: { kind: 'duplicate-params', message, names, params: params.filter((p) => duplicated.has(p.name)) },
    };
  }
  const tail = template.slice(idx);
  // A host pattern ignores the port, as Host.matches() does.
  pythonRegex += pythonReEscape(isHost ? tail.split(':')[0]! : tail) + '$';
  format += tail;

  const compiled = compilePythonRegex(pythonRegex);
  if (!compiled.ok) {
    const builtins = new Set(['str', 'path', 'int', 'float', 'uuid']);
    const involved = [...new Set(params.map((p) => p.convertor))].filter((c) => !builtins.has(c) || convertors.get(c)?.convert === 'custom');
    return {
      ok: false,
      error: { kind: 'unsupported-regex', message: `Cannot use the regex ${pythonRegex}: ${compiled.reason}`, reason: compiled.reason, convertors: involved },
    };
  }
  const captures = [...compiled.groupIndex].map(([name, group]) => ({ name, group, convertor: byName.get(name) ?? null }));
  captures.sort((a, b) => a.group - b.group);
  return { ok: true, compiled: { template, isHost, pythonRegex, regex: compiled.regex, format, params, captures } };
}
