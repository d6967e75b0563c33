// Workspace symbols: every route, found as "GET /items/{id}" or by its handler's name.
import type { Span } from '../model/span';
import type { WorkspaceModel } from '../workspace/loadWorkspace';
import { entryLocation, routeEntries, type RouteEntry } from './routeEntries';

export interface RouteSymbol {
  /** e.g. "GET /items/{item_id}", "WS /ws", "MOUNT /static" */
  name: string;
  kind: 'route' | 'websocket' | 'mount' | 'host';
  /** The handler's name, when there is one. */
  handler?: string;
  appId: string;
  span: Span;
}

function symbolName(entry: RouteEntry): string | undefined {
  const { row } = entry;
  switch (row.kind) {
    case 'route':
      return `${row.methods === null || row.methods.length === 0 ? '*' : row.methods.join(',')} ${row.fullPath}`;
    case 'websocket':
      return `WS ${row.fullPath}`;
    case 'mount':
      return `MOUNT ${row.fullPath}`;
    case 'host':
      return `HOST ${row.fullPath}`;
    default:
      return undefined;
  }
}

/**
 * Does `query` pick this symbol? Every whitespace-separated word of the query must occur in the
 * name or handler (case-insensitive); a single word may also be a subsequence (fuzzy, "gitid").
 * "GET /items" also matches a route listing GET among other methods.
 */
export function symbolMatches(query: string, name: string, handler = ''): boolean {
  const haystack = `${name} ${handler}`.toLowerCase();
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  if (words.every((w) => haystack.includes(w))) return true;
  if (words.length === 1) return isSubsequence(words[0]!, haystack);
  // "GET /items/{id}" against "GET,HEAD /items/{id}": methods are one comma-separated word.
  const [method, ...rest] = words;
  const [methods = '', ...tail] = haystack.split(' ');
  return methods.split(',').includes(method!) && rest.every((w) => tail.join(' ').includes(w));
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const c of haystack) if (c === needle[i]) i++;
  return i === needle.length;
}

export function workspaceSymbols(model: WorkspaceModel, query: string, limit = 500): RouteSymbol[] {
  const symbols: RouteSymbol[] = [];
  const seen = new Set<string>();
  for (const entry of routeEntries(model)) {
    if (entry.row.flavor === 'docs') continue;
    const name = symbolName(entry);
    const span = entryLocation(entry);
    if (!name || !span) continue;
    const handler = entry.row.handler?.name;
    if (!symbolMatches(query, name, handler)) continue;
    const key = `${name}\u0000${span.file}:${span.start}`;
    if (seen.has(key)) continue; // the same route in an app and in the sub-app it mounts
    seen.add(key);
    symbols.push({ name, kind: entry.row.kind as RouteSymbol['kind'], appId: entry.app.id, span, ...(handler ? { handler } : {}) });
    if (symbols.length >= limit) break;
  }
  return symbols;
}
