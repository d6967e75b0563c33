// "Ignore this rule on this line": the `# route-lens: ignore[CODE]` suppression comment.
import { LineIndex, type Span } from '../model/span';
import type { TextEdit } from '../rules/types';

const IGNORE = /#\s*route-lens:\s*ignore\[([^\]]*)\]/;

/** The edit that suppresses `code` on the line holding `offset` (undefined if already there). */
export function ignoreRuleEdit(file: string, text: string, offset: number, code: string): TextEdit | undefined {
  const lines = new LineIndex(text);
  const line = lines.position(offset).line;
  const start = lines.offset({ line, character: 0 });
  const next = line + 1 < lines.lineCount ? lines.offset({ line: line + 1, character: 0 }) : text.length;
  let end = next;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const lineText = text.slice(start, end);
  const existing = IGNORE.exec(lineText);
  if (existing) {
    const codes = existing[1]!.split(',').map((c) => c.trim()).filter(Boolean);
    if (codes.includes(code)) return undefined;
    const listEnd = start + existing.index + existing[0].length - 1;
    const span: Span = { file, start: listEnd, end: listEnd };
    return { span, newText: codes.length ? `, ${code}` : code };
  }
  if (lineEndsInsideString(lineText)) return undefined;
  const trimmedEnd = start + lineText.replace(/\s+$/, '').length;
  return { span: { file, start: trimmedEnd, end }, newText: `  # route-lens: ignore[${code}]` };
}

/** A line ending inside a (triple-quoted) string cannot take a comment. */
function lineEndsInsideString(line: string): boolean {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (line.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      }
      continue;
    }
    if (c === '#') return false;
    if (c === '"' || c === "'") quote = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
    if (quote.length === 3) i += 2;
  }
  return quote !== '';
}
