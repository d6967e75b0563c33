// Diagnostics: runs the rules on every project of a folder's model, converts them to LSP and
// publishes them per file, clearing files whose diagnostics went away.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { WorkspaceModel } from '../../shared/engine';
import { checkProject } from '../../shared/rules/index';
import type { Diagnostic, Severity } from '../../shared/rules/types';
import type { Locations } from './locations';
import type { ServerSettings } from './settings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Codes whose subject is dead code (drawn faded by editors). */
const UNREACHABLE_CODES = new Set(['RL003']);

export type Logger = (message: string) => void;

/** The rules' diagnostics for a folder, grouped by file. Internal errors are logged, not thrown. */
/** `overlay(file)`: an open document's unsaved text (the project's pyproject.toml may be one). */
export function diagnosticsOf(model: WorkspaceModel, settings: ServerSettings, log: Logger, overlay: (file: string) => string | undefined = () => undefined): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    const key = `${d.code}\u0000${d.span.file}:${d.span.start}-${d.span.end}\u0000${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = byFile.get(d.span.file) ?? [];
    list.push(d);
    byFile.set(d.span.file, list);
  };
  for (const project of model.projects) {
    try {
      const pyproject = overlay(path.join(project.root, 'pyproject.toml'));
      const options = {
        ...(settings.select.length ? { select: settings.select } : {}),
        ...(settings.ignore.length ? { ignore: settings.ignore } : {}),
        ...(pyproject !== undefined ? { pyproject } : {}),
      };
      for (const d of checkProject(project, options)) add(d);
    } catch (e) {
      log(`route-lens: rules failed on ${project.root}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  for (const problem of model.problems) {
    if (!isFile(problem.file)) continue;
    add({ code: '', rule: '', severity: problem.severity, message: problem.message, span: { file: problem.file, start: 0, end: 0 }, related: [], fixes: [] });
  }
  return byFile;
}

function isFile(file: string): boolean {
  try {
    return existsSync(file) && statSync(file).isFile();
  } catch {
    return false;
  }
}

export function toLspDiagnostic(d: Diagnostic, locations: Locations, settings: ServerSettings): LspDiagnostic {
  const out: LspDiagnostic = {
    range: locations.range(d.span),
    severity: SEVERITY[d.severity],
    source: 'route-lens',
    message: d.message,
  };
  if (d.code) {
    out.code = d.code;
    out.codeDescription = { href: `${settings.ruleDocsUrl}${d.code}-${d.rule}.md` };
    out.data = { rule: d.rule };
  }
  if (UNREACHABLE_CODES.has(d.code)) out.tags = [DiagnosticTag.Unnecessary];
  if (d.related.length) out.relatedInformation = d.related.map((r) => ({ location: locations.location(r.span), message: r.message }));
  return out;
}

/** Remembers what was published per folder so that fixed files get an empty list. */
export class DiagnosticsStore {
  private readonly byRoot = new Map<string, Map<string, Diagnostic[]>>();

  /** Replaces a folder's diagnostics; returns every file whose list must be (re)published. */
  replace(root: string, next: Map<string, Diagnostic[]>): string[] {
    const previous = this.byRoot.get(root);
    this.byRoot.set(root, next);
    const files = new Set(next.keys());
    for (const file of previous?.keys() ?? []) files.add(file);
    return [...files];
  }

  clear(root: string): string[] {
    const previous = this.byRoot.get(root);
    this.byRoot.delete(root);
    return [...(previous?.keys() ?? [])];
  }

  at(file: string): Diagnostic[] {
    const all: Diagnostic[] = [];
    for (const m of this.byRoot.values()) all.push(...(m.get(file) ?? []));
    return all;
  }

  count(): number {
    let n = 0;
    for (const m of this.byRoot.values()) for (const list of m.values()) n += list.length;
    return n;
  }
}
