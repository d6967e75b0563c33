#!/usr/bin/env node
// route-lens: the engine on the command line. Each command lives in server/commands/<name>.ts.
import { EXIT, NoAppsError, UsageError, type IO } from './commands/common';

const USAGE = `usage: route-lens <command> [DIR] [options]

commands:
  routes [DIR] [--json]                       the route table of each served app, in match order
  match [DIR] METHOD URL [--host H] [--json]  which route Starlette picks for a request, with the trace
  openapi [DIR]                               the OpenAPI "paths" FastAPI will publish
  check [DIR] [--output-format F]             diagnostics, like a linter (text|json|sarif|github)
  serve [DIR] [--port N] [--host H]           a local dev router answering with the matched route

common options:
  --app module.path:variable                  the app to use (as uvicorn takes it)
  --python-version V --starlette-version V --fastapi-version V   override detected versions

exit codes: 0 ok; 1 check found errors; 2 usage error (bad option, missing directory,
ambiguous app); 3 no app found.
`;

type Command = { run(argv: string[], io: IO): Promise<number> };

const COMMANDS: Record<string, () => Promise<Command>> = {
  routes: () => import('./commands/routes'),
  match: () => import('./commands/match'),
  openapi: () => import('./commands/openapi'),
  check: () => import('./commands/check'),
  serve: () => import('./commands/serve'),
};

export async function main(argv: string[], io: IO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`route-lens: unknown command ${name}\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`route-lens ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof NoAppsError) {
      io.err(`route-lens ${name}: ${e.message}\n`);
      for (const p of e.model.problems) io.err(`  ${p.severity}: ${p.file}: ${p.message}\n`);
      return EXIT.noApps;
    }
    throw e;
  }
}

if (require.main === module) {
  const io: IO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`route-lens: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
