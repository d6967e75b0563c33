// route-lens openapi [DIR] [--app A]: the `paths` object of the app's OpenAPI schema.
import { openapiPaths } from '../../shared/openapi/paths';
import { COMMON_VALUED, EXIT, loadWorkspace, parseArgs, singleApp, type IO } from './common';

export async function run(argv: string[], io: IO): Promise<number> {
  const args = parseArgs(argv, COMMON_VALUED, []);
  const { model } = await loadWorkspace(args.positional[0], args);
  const { app, project } = singleApp(model);
  io.out(JSON.stringify({ paths: openapiPaths(app, project) }, null, 2) + '\n');
  return EXIT.ok;
}
