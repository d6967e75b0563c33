// The route table as a Markdown document ("Route Lens: Show Route Table").
import type { RouteTable, RouteTableNode } from './routeTable';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function rows(nodes: readonly RouteTableNode[], depth: number, out: string[]): void {
  for (const n of nodes) {
    const methods = n.kind === 'route' ? (n.methods === null || n.methods.length === 0 ? '*' : n.methods.join(', ')) : n.kind.toUpperCase();
    const path = `${'  '.repeat(depth)}\`${n.kind === 'unresolved' ? '?' : n.fullPath}\``;
    const notes = [n.shadowed ? `⚠️ ${n.shadowed}` : '', n.note ?? ''].filter(Boolean).join('; ');
    out.push(`| ${n.order} | ${cell(methods)} | ${cell(path)} | ${cell(n.name ?? '')} | ${cell(n.handler ?? '')} | ${cell(notes)} |`);
    if (n.children) rows(n.children, depth + 1, out);
  }
}

export function routeTableMarkdown(tables: readonly RouteTable[]): string {
  const out: string[] = ['# Route table', ''];
  for (const table of tables) {
    for (const app of table.apps) {
      out.push(`## ${app.id} (${app.kind}${app.served ? '' : ', not served'})`, '', app.versions, '');
      out.push('| # | Methods | Path | Name | Handler | Notes |', '|---|---|---|---|---|---|');
      rows(app.routes, 0, out);
      out.push('');
    }
    if (table.unresolved.length) {
      out.push('## Unresolved (not in the tables above)', '');
      for (const u of table.unresolved) out.push(`- ${u.what}: ${u.reason} (${u.span.file})`);
      out.push('');
    }
  }
  if (tables.every((t) => t.apps.length === 0)) out.push('No FastAPI or Starlette app found.');
  return out.join('\n');
}
