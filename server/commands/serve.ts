// route-lens serve [DIR] [--port 8765] [--host 127.0.0.1] [--app A] [--poll]: a local HTTP server
// that routes every request with the workspace's table (never running workspace code) and
// follows edits to the files live.
import { LiveWorkspace } from '../devRouter/liveWorkspace';
import { isLoopbackName } from '../devRouter/hostCheck';
import { startDevRouter } from '../devRouter/server';
import { DEFAULT_HOST, DEFAULT_PORT, RESERVED_PREFIX } from '../devRouter/types';
import { COMMON_VALUED, EXIT, NoAppsError, UsageError, analysisOptions, flag, parseArgs, singleApp, workspaceDir, type IO } from './common';

export interface ServeHooks {
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  until?: Promise<void>;
  /** Called once listening (tests use it to learn the port). */
  onListening?: (url: string) => void;
}

export async function run(argv: string[], io: IO, hooks: ServeHooks = {}): Promise<number> {
  const args = parseArgs(argv, [...COMMON_VALUED, 'port', 'host'], ['poll']);
  if (args.positional.length > 1) throw new UsageError(`unexpected argument ${args.positional[1]}`);
  const root = workspaceDir(args.positional[0]);
  const portText = flag(args, 'port');
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got ${portText}`);
  const host = flag(args, 'host') ?? DEFAULT_HOST;

  const live = await LiveWorkspace.open(root, {
    analysis: analysisOptions(args),
    poll: args.flags.has('poll'),
    onReload: (s, ms) => {
      const served = s.workspace.served.map((a) => a.id).join(', ') || 'no app';
      io.err(`route-lens serve: files changed; table generation ${s.generation} (${served}) in ${ms.toFixed(0)} ms\n`);
    },
    onError: (e) => io.err(`route-lens serve: re-analysis failed: ${e instanceof Error ? e.message : String(e)}\n`),
  });
  let served: string;
  try {
    if (live.snapshot.workspace.served.length === 0) throw new NoAppsError(live.snapshot.workspace);
    served = singleApp(live.snapshot.workspace).app.id; // usage error (exit 2) naming the apps when several
  } catch (e) {
    live.close();
    throw e;
  }

  let handle;
  try {
    // Stick to the app chosen at start, even if an edit makes the workspace serve others too.
    handle = await startDevRouter({ model: () => live.snapshot, app: served, port, host });
  } catch (e) {
    live.close();
    io.err(`route-lens serve: cannot listen on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.findings;
  }
  const { url } = handle.address;
  io.out(`Route Lens dev router: ${served} at ${url}/ (table: ${url}${RESERVED_PREFIX}/)\n`);
  io.out(
    isLoopbackName(host) || host === '::1'
      ? `Listening on loopback only (${host}); requests must name a loopback host. No workspace code runs.\n`
      : `WARNING: listening on ${host}, reachable from other machines; only Host headers naming loopback or ${host} are answered.\n`,
  );
  io.out('Watching the files; edits are picked up live. Ctrl-C stops.\n');
  hooks.onListening?.(url);

  await (hooks.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    }));
  await handle.close();
  live.close();
  return EXIT.ok;
}
