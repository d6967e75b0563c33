// Completion of convertor names after `{name:` inside a route path string.
import { LineIndex, type Span } from '../model/span';
import { builtinConvertors } from '../routing/convertors';
import type { ConvertorTable } from '../routing/types';
import { NEWEST_VERSIONS } from '../versions';
import type { WorkspaceModel } from '../workspace/loadWorkspace';
import { projectOfFile } from './routeEntries';

export interface ConvertorCompletion {
  label: string;
  /** The convertor's regex (Python syntax). */
  detail: string;
  documentation: string;
  /** What the item replaces: the part of the name typed so far. */
  replace: Span;
}

/** Calls whose first positional argument is a path (or host) template. */
const PATH_CALLS =
  'get|post|put|patch|delete|options|head|trace|api_route|route|websocket|websocket_route|add_api_route|add_route|add_websocket_route|add_api_websocket_route|Route|WebSocketRoute|Mount|Host|APIRouter|include_router';
const POSITIONAL = new RegExp(`(?:^|[^\\w])(?:${PATH_CALLS})\\s*\\(\\s*$`);
const KEYWORD = /(?:^|[^\w])(?:path|prefix)\s*=\s*$/;
const PLACEHOLDER = /\{[a-zA-Z_][a-zA-Z0-9_]*:([a-zA-Z0-9_]*)$/;

interface OpenString {
  /** Offset of the first character of the string's contents. */
  contentStart: number;
  /** Offset of the prefix/quote that opens the literal. */
  literalStart: number;
  prefix: string;
}

/** The string literal (single-line, not triple-quoted) the cursor is in on its line, if any. */
function openStringAt(text: string, lineStart: number, offset: number): OpenString | undefined {
  let open: OpenString | undefined;
  let quote = '';
  for (let i = lineStart; i < offset; i++) {
    const c = text[i]!;
    if (open) {
      if (c === '\\') i++;
      else if (c === quote) open = undefined;
      continue;
    }
    if (c === '#') return undefined;
    if (c === '"' || c === "'") {
      if (text.startsWith(c.repeat(3), i)) return undefined; // docstrings and other triple-quoted text: not a path
      let p = i;
      while (p > lineStart && /[rRuUbBfF]/.test(text[p - 1]!)) p--;
      quote = c;
      open = { contentStart: i + 1, literalStart: p, prefix: text.slice(p, i) };
    }
  }
  return open;
}

export function convertorCompletions(model: WorkspaceModel | undefined, file: string, text: string, offset: number): ConvertorCompletion[] {
  const lines = new LineIndex(text);
  const lineStart = lines.offset({ line: lines.position(offset).line, character: 0 });
  const open = openStringAt(text, lineStart, offset);
  if (!open || /[bBfF]/.test(open.prefix)) return [];
  const placeholder = PLACEHOLDER.exec(text.slice(open.contentStart, offset));
  if (!placeholder) return [];
  const before = text.slice(Math.max(0, open.literalStart - 400), open.literalStart);
  if (!POSITIONAL.test(before) && !KEYWORD.test(before)) return [];
  const typed = placeholder[1]!;
  const replace: Span = { file, start: offset - typed.length, end: offset };
  const project = model ? projectOfFile(model, file) : undefined;
  const table: ConvertorTable = project?.convertors ?? builtinConvertors(NEWEST_VERSIONS.starlette);
  return [...table.values()].map((c) => ({
    label: c.name,
    detail: c.regex,
    documentation: c.origin ? `Custom convertor (register_url_convertor); converts with ${c.name}'s convert()` : `Built-in Starlette convertor; the endpoint gets ${builtinValue(c.convert)}`,
    replace,
  }));
}

function builtinValue(convert: string): string {
  switch (convert) {
    case 'int':
      return 'an int';
    case 'float':
      return 'a float';
    case 'uuid':
      return 'a uuid.UUID';
    default:
      return 'the matched str';
  }
}
