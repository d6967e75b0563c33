// route-lens check [DIR] [--output-format text|json|sarif|github] [--app A]: the rules'
// diagnostics like a linter. Exit 1 when any error is found, 0 otherwise, 2 on usage errors.
import { checkWorkspace } from '../../shared/rules/index';
import { COMMON_VALUED, EXIT, UsageError, flag, loadWorkspace, parseArgs, textOf, type IO } from './common';
import { Locator, OUTPUT_FORMATS, renderGithub, renderJson, renderSarif, renderText, type OutputFormat } from './checkOutput';

const VERSION = '0.1.0';

export async function run(argv: string[], io: IO, cwd: string = process.cwd()): Promise<number> {
  const args = parseArgs(argv, [...COMMON_VALUED, 'output-format'], []);
  if (args.positional.length > 1) throw new UsageError(`expected at most one directory, got ${args.positional.join(' ')}`);
  const format = (flag(args, 'output-format') ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--output-format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${format}`);
  const { model } = await loadWorkspace(args.positional[0], args);
  const diagnostics = checkWorkspace(model);
  const at = new Locator(textOf(model), cwd);

  for (const p of model.problems) {
    if (p.severity !== 'info') io.err(`${at.display(p.file)}: ${p.severity}: ${p.message}\n`);
  }
  switch (format) {
    case 'json':
      io.out(renderJson(diagnostics, at));
      break;
    case 'sarif':
      io.out(renderSarif(diagnostics, at, VERSION));
      break;
    case 'github':
      io.out(renderGithub(diagnostics, at));
      break;
    default:
      io.out(renderText(diagnostics, at));
  }
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
