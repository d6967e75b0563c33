// Route cards as Markdown, for hovers (any LSP editor renders it).
import type { HoverResult, RouteCard } from './hover';

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Fenced block whose fence is longer than any backtick run inside. */
function block(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function heading(card: RouteCard): string {
  switch (card.kind) {
    case 'route':
      return `**${card.methods === null || card.methods.length === 0 ? 'ANY METHOD' : card.methods.join(', ')}** ${code(card.fullPath)}`;
    case 'websocket':
      return `**WEBSOCKET** ${code(card.fullPath)}`;
    case 'mount':
      return `**MOUNT** ${code(card.fullPath)}`;
    case 'host':
      return `**HOST** ${code(card.fullPath)}`;
    case 'unresolved':
      return '**UNRESOLVED**';
  }
}

export function routeCardMarkdown(card: RouteCard): string {
  const lines: string[] = [];
  lines.push(`${heading(card)} — app ${code(card.appId)}`);
  const who: string[] = [];
  if (card.handler) who.push(`handler ${code(card.handler)}`);
  if (card.name !== null && card.name !== card.handler) who.push(`name ${code(card.name)}`);
  if (card.flavor === 'docs') who.push('FastAPI docs route');
  if (who.length) lines.push('', who.join(' · '));
  if (card.shadowedBy) {
    const what = card.shadowedBy.methods === 'all' ? 'Never reached' : `${card.shadowedBy.methods.join(', ')} never reached`;
    lines.push('', `⚠️ **${what}**: ${code(card.shadowedBy.label)} takes every such request first, e.g. ${code(card.shadowedBy.example)}.`);
  }
  if (card.params.length) {
    lines.push('', 'Path parameters: ' + card.params.map((p) => `${code(p.name)} (${code(p.convertor)} ${code(p.regex)})`).join(', '));
  }
  const api = card.openapi;
  if (api) {
    lines.push('', `Summary: **${api.summary.replace(/[*_`\\]/g, (c) => '\\' + c)}**`);
    lines.push('', `operationId: ${api.operationId !== undefined ? code(api.operationId) : `one of ${api.operationIdCandidates.map(code).join(', ') || '(none: no method)'} (set order)`}`);
    if (api.tags.length) lines.push('', `Tags: ${api.tags.map(code).join(', ')}`);
    const flags: string[] = [];
    if (api.deprecated) flags.push('deprecated');
    if (!api.includeInSchema) flags.push('hidden from schema (include_in_schema=False)');
    else if (!api.published) flags.push('not in the app’s OpenAPI schema');
    if (flags.length) lines.push('', flags.map((f) => `*${f}*`).join(' · '));
    if (api.formFeedLost) {
      lines.push('', '⚠️ **The `\\f` cut fails**: this Python version’s `inspect.cleandoc` deletes the form feed, so the text after it is published too. Intended:', '', block(api.formFeedLost.intended));
    }
    lines.push('', api.description ? `Description (${api.descriptionSource === 'docstring' ? 'from the docstring' : 'description='}):` : 'Description: *(none)*');
    if (api.description) lines.push('', block(api.description));
  }
  if (card.note) lines.push('', `*${card.note}*`);
  return lines.join('\n');
}

export function hoverMarkdown(result: HoverResult): string {
  return result.cards.map(routeCardMarkdown).join('\n\n---\n\n');
}
