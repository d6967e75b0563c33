// /_route_lens/: the route table as HTML, with a form that asks /_route_lens/match.
import type { RouteListing } from './routeList';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderPage(listing: RouteListing, address: string): string {
  const rows = listing.routes
    .map((r) => {
      const notes: string[] = [];
      for (const s of r.shadowed ?? []) {
        notes.push(`shadowed${s.methods === 'all' ? '' : ` (${s.methods.join(', ')})`}: ${esc(s.takenBy)} takes e.g. <code>${esc(s.example)}</code>`);
      }
      if (r.unresolved) notes.push(`unresolved ${esc(r.unresolved.what)}: ${esc(r.unresolved.reason)}`);
      if (r.opaque) notes.push(`opaque app ${esc(r.opaque.label)}: ${esc(r.opaque.reason)}`);
      const methods = r.kind === 'route' ? (r.methods ? r.methods.join(', ') : 'any') : r.kind === 'websocket' ? 'WS' : '';
      const where = r.handler?.location ?? r.declared;
      return (
        `<tr class="${r.shadowed ? 'shadowed' : ''}"><td>${esc(r.kind)}</td><td>${esc(methods)}</td>` +
        `<td style="padding-left:${r.depth * 1.5}em"><code>${esc(r.fullPath)}</code></td><td>${esc(r.name ?? '')}</td>` +
        `<td>${where ? esc(`${where.file}:${where.line}`) : ''}</td><td>${notes.join('<br>')}</td></tr>`
      );
    })
    .join('\n');
  const unresolved = listing.unresolved.map((u) => `<li>${esc(u.what)}: ${esc(u.reason)}${u.location ? ` (${esc(u.location.file)}:${u.location.line})` : ''}</li>`).join('');
  const errors = listing.frameworkErrors.map((e) => `<li>${esc(e.exception)}: ${esc(e.message)}${e.location ? ` (${esc(e.location.file)}:${e.location.line})` : ''}</li>`).join('');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Route Lens dev router</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}
tr.shadowed{background:#fff3cd}code{font-family:ui-monospace,monospace}pre{background:#f6f6f6;padding:.8em;overflow:auto}
</style></head><body>
<h1>Route Lens dev router</h1>
<p>Serving <b>${esc(listing.app ?? '(no app)')}</b> at ${esc(address)} (table generation ${listing.generation}). Requests are routed
exactly as Starlette would route them; no workspace code runs. ${listing.error ? `<b>${esc(listing.error)}</b>` : ''}</p>
<form id="try"><select name="method">${['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'WEBSOCKET'].map((m) => `<option>${m}</option>`).join('')}</select>
<input name="url" size="60" value="/" aria-label="URL"> <button>Try</button></form>
<pre id="out"></pre>
<h2>Routes (match order)</h2>
<table><tr><th>kind</th><th>methods</th><th>path</th><th>name</th><th>handler</th><th>notes</th></tr>
${rows}
</table>
${unresolved ? `<h2>Unresolved</h2><ul>${unresolved}</ul>` : ''}
${errors ? `<h2>Errors at import</h2><ul>${errors}</ul>` : ''}
<p><a href="routes.json">routes.json</a> · <a href="openapi.json">openapi.json</a></p>
<script>
document.getElementById('try').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const q = new URLSearchParams({ method: f.get('method'), url: f.get('url') });
  const r = await fetch('match?' + q);
  document.getElementById('out').textContent = JSON.stringify(await r.json(), null, 2);
});
</script>
</body></html>
`;
}
