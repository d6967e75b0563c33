// route-lens routes [DIR] [--json] [--app A]: the final route table of each served app.
import path from 'node:path';
import { routeRows, type RouteRow } from '../../shared/model/routeRows';
import type { Span } from '../../shared/model/span';
import { COMMON_VALUED, EXIT, NoAppsError, loadWorkspace, location, parseArgs, textOf, type IO } from './common';

const KIND_LABEL: Record<string, string> = { fastapi: 'FastAPI', starlette: 'Starlette', router: 'Router', apirouter: 'APIRouter' };

export async function run(argv: string[], io: IO): Promise<number> {
  const args = parseArgs(argv, COMMON_VALUED, ['json']);
  const { dir, model } = await loadWorkspace(args.positional[0], args);
  if (model.served.length === 0) throw new NoAppsError(model);
  const texts = textOf(model);
  const where = (span?: Span) => location(span, dir, texts);

  if (args.flags.has('json')) {
    const apps = model.served.map((app) => {
      const project = model.projects.find((p) => p.apps.some((a) => a.tree === app.tree))!;
      return {
        id: app.id,
        kind: app.kind,
        versions: project.versions,
        versionSources: project.versionSources,
        routes: routeRows(app).map((r) => ({
          order: r.order,
          kind: r.kind,
          flavor: r.flavor,
          methods: r.methods,
          path: r.fullPath,
          name: r.name,
          handler: r.handler ? { name: r.handler.name, location: where(r.handler.span) } : undefined,
          note: r.note,
        })),
      };
    });
    const unresolved = model.unresolved.map((u) => ({ location: location(u.span, dir, texts), what: u.what, reason: u.reason }));
    io.out(JSON.stringify({ root: dir, apps, unresolved, problems: model.problems }, null, 2) + '\n');
    return EXIT.ok;
  }

  for (const app of model.served) {
    const project = model.projects.find((p) => p.apps.some((a) => a.tree === app.tree))!;
    const v = project.versions;
    io.out(`${KIND_LABEL[app.kind] ?? app.kind} app ${app.id}  (${location(app.span, dir, texts)}; FastAPI ${v.fastapi.join('.')}, Starlette ${v.starlette.join('.')}, Python ${v.python.join('.')})\n`);
    const rows = routeRows(app);
    const methodsOf = (r: RouteRow) => (r.kind === 'websocket' ? 'WS' : r.kind === 'mount' ? 'MOUNT' : r.kind === 'host' ? 'HOST' : r.kind === 'unresolved' ? '?' : r.methods === null ? '*' : r.methods.join(','));
    const width = Math.min(60, Math.max(4, ...rows.map((r) => r.fullPath.length + r.depth * 2)));
    const mWidth = Math.max(7, ...rows.map((r) => methodsOf(r).length));
    io.out(`  ${'#'.padEnd(6)} ${'METHODS'.padEnd(mWidth)} ${'PATH'.padEnd(width)} ${'NAME'.padEnd(22)} HANDLER\n`);
    for (const r of rows) {
      const indent = '  '.repeat(r.depth);
      const handler = r.flavor === 'docs' ? '(FastAPI docs)' : r.handler ? `${r.handler.name}  ${where(r.handler.span)}` : '';
      const tail = r.note ? `${handler}${handler ? '  ' : ''}[${r.note}]` : handler;
      io.out(`  ${r.order.padEnd(6)} ${methodsOf(r).padEnd(mWidth)} ${(indent + r.fullPath).padEnd(width)} ${(r.name ?? '').padEnd(22)} ${tail}\n`);
    }
    io.out('\n');
  }
  if (model.unresolved.length) {
    io.out(`Unresolved (not in the table above; the engine does not guess):\n`);
    for (const u of model.unresolved) io.out(`  ${location(u.span, dir, texts)}  ${u.what}: ${u.reason}\n`);
    io.out('\n');
  }
  for (const p of model.problems) io.out(`${p.severity}: ${path.relative(dir, p.file) || p.file}: ${p.message}\n`);
  return EXIT.ok;
}
