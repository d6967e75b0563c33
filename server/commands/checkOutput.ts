// Renders diagnostics for `route-lens check`: text (like a linter), json, SARIF 2.1.0 and GitHub
// Actions workflow commands. Lines and columns are 1-based; columns count UTF-16 units.
import path from 'node:path';
import { LineIndex, type Span } from '../../shared/model/span';
import { RULES } from '../../shared/rules/index';
import type { Diagnostic } from '../../shared/rules/types';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Located {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export class Locator {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(
    private readonly texts: (file: string) => string | undefined,
    /** Paths are printed relative to this folder. */
    readonly base: string,
  ) {}

  locate(span: Span): Located {
    let index = this.indexes.get(span.file);
    if (!index) {
      index = new LineIndex(this.texts(span.file) ?? '');
      this.indexes.set(span.file, index);
    }
    const start = index.position(span.start);
    const end = index.position(span.end);
    return { file: this.display(span.file), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  }

  display(file: string): string {
    const rel = path.relative(this.base, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
  }
}

export function renderText(diagnostics: readonly Diagnostic[], at: Locator): string {
  let out = '';
  for (const d of diagnostics) {
    const l = at.locate(d.span);
    out += `${l.file}:${l.line}:${l.column}: ${d.code} ${d.message}${d.fixes.length ? ' [fix available]' : ''}\n`;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (diagnostics.length === 0) out += 'All checks passed.\n';
  else out += `Found ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} other).\n`;
  return out;
}

export function renderJson(diagnostics: readonly Diagnostic[], at: Locator): string {
  const rows = diagnostics.map((d) => ({
    code: d.code,
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    ...at.locate(d.span),
    related: d.related.map((r) => ({ message: r.message, ...at.locate(r.span) })),
    fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ ...at.locate(e.span), newText: e.newText })) })),
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function renderSarif(diagnostics: readonly Diagnostic[], at: Locator, version: string): string {
  const region = (l: Located) => ({ startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn });
  const physical = (span: Span) => {
    const l = at.locate(span);
    return { artifactLocation: { uri: l.file.split(path.sep).join('/') }, region: region(l) };
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'route-lens',
            version,
            rules: RULES.map((r) => ({ id: r.code, name: r.name, helpUri: `docs/rules/${r.code}-${r.name}.md` })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: RULES.findIndex((r) => r.code === d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [{ physicalLocation: physical(d.span) }],
          relatedLocations: d.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: physical(r.span) })),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

// GitHub workflow commands: properties escape %, \r, \n, ':' and ','; the message %, \r, \n.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(diagnostics: readonly Diagnostic[], at: Locator): string {
  let out = '';
  for (const d of diagnostics) {
    const l = at.locate(d.span);
    const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props = [`file=${l.file}`, `line=${l.line}`, `col=${l.column}`, `endLine=${l.endLine}`, `endColumn=${l.endColumn}`, `title=${d.code} ${d.rule}`];
    out += `::${command} ${props.map((p) => { const i = p.indexOf('='); return p.slice(0, i + 1) + escapeProperty(p.slice(i + 1)); }).join(',')}::${escapeData(d.message)}\n`;
  }
  return out;
}
