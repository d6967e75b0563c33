// Starlette's path convertors (starlette/convertors.py), per version.
import { atLeast, type Version } from '../versions';
import type { Convertor, ConvertorTable } from './types';

const UUID_LOWER_HYPHENATED = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// Starlette 0.43 accepts upper case and optional hyphens; uuid.UUID() normalises the value.
const UUID_ANY_CASE = '[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}';

const cache = new Map<string, ConvertorTable>();

/** The convertors Starlette registers at import (`CONVERTOR_TYPES`), in its order. */
export function builtinConvertors(starlette: Version): ConvertorTable {
  const uuidRegex = atLeast(starlette, '0.43') ? UUID_ANY_CASE : UUID_LOWER_HYPHENATED;
  let table = cache.get(uuidRegex);
  if (!table) {
    const list: Convertor[] = [
      { name: 'str', regex: '[^/]+', convert: 'str' },
      { name: 'path', regex: '.*', convert: 'path' },
      { name: 'int', regex: '[0-9]+', convert: 'int' },
      { name: 'float', regex: '[0-9]+(\\.[0-9]+)?', convert: 'float' },
      { name: 'uuid', regex: uuidRegex, convert: 'uuid' },
    ];
    table = new Map(list.map((c) => [c.name, c]));
    cache.set(uuidRegex, table);
  }
  return table;
}

/**
 * The table after `register_url_convertor(name, ...)` calls, in call order. A later
 * registration replaces an earlier one of the same name (built-ins included), as the
 * global dict assignment does.
 */
export function withCustomConvertors(base: ConvertorTable, custom: readonly Convertor[]): ConvertorTable {
  if (custom.length === 0) return base;
  const table = new Map(base);
  for (const c of custom) table.set(c.name, c);
  return table;
}
