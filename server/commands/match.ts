// route-lens match [DIR] METHOD URL [--host H] [--app A] [--websocket] [--json]:
// the outcome as Starlette would produce it, and the trace of the router loop that explains it.
import { matchUrl, parseUrl } from '../../shared/ide/match';
import { COMMON_VALUED, EXIT, UsageError, flag, loadWorkspace, location, parseArgs, singleApp, textOf, type IO } from './common';

export async function run(argv: string[], io: IO): Promise<number> {
  const args = parseArgs(argv, [...COMMON_VALUED, 'host'], ['json', 'websocket']);
  const [dir, method, url]: (string | undefined)[] = args.positional.length === 2 ? [undefined, ...args.positional] : args.positional;
  if (!method || !url) throw new UsageError('usage: route-lens match [DIR] METHOD URL [--host H] [--app A] [--websocket] [--json]');
  const { dir: root, model } = await loadWorkspace(dir, args);
  const { app } = singleApp(model);
  // A client always sends a Host header; without --host or an absolute URL, curl's default.
  const host = flag(args, 'host') ?? parseUrl(url).host ?? 'localhost';
  const result = matchUrl(model, { method: args.flags.has('websocket') ? 'WEBSOCKET' : method, url, host, app: app.id });
  if (!result.ok) throw new UsageError(result.error);
  const answer = result.answer;
  const where = answer.route?.span ? location(answer.route.span, root, textOf(model)) : undefined;
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ ...answer, route: answer.route ? { ...answer.route, span: undefined, location: where } : undefined }, null, 2) + '\n');
    return EXIT.ok;
  }
  io.out(`${method.toUpperCase()} ${url} on ${answer.appId}\n  ${answer.summary}\n`);
  if (answer.route?.handler && where) io.out(`  handler: ${answer.route.handler}  ${where}\n`);
  for (const [k, v] of Object.entries(answer.params ?? {})) io.out(`  param ${k} = ${v.value} (${v.type}, from "${v.raw}")\n`);
  io.out('  trace:\n');
  for (const s of answer.trace) io.out(`    ${s.pass === 'redirect-scan' ? '[slash redirect] ' : ''}${s.router} ${s.path}: ${s.node} → ${s.result}\n`);
  return EXIT.ok;
}
