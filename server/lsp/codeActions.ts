// textDocument/codeAction: the rules' quick fixes for the diagnostics under the cursor, and
// "ignore this rule on this line" (`# route-lens: ignore[CODE]`).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { ignoreRuleEdit } from '../../shared/ide/ignoreComment';
import type { Diagnostic, TextEdit } from '../../shared/rules/types';
import { guarded, type ServerContext } from './context';
import { toLspDiagnostic } from './diagnostics';
import { pathToUri, uriToPath, type Locations } from './locations';

function workspaceEdit(edits: readonly TextEdit[], locations: Locations): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) (changes[pathToUri(e.span.file)] ??= []).push({ range: locations.range(e.span), newText: e.newText });
  return { changes };
}

function overlaps(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  const before = (p: typeof a.start, q: typeof a.start) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActionsFor(ctx: ServerContext, file: string, params: CodeActionParams): CodeAction[] {
  const settings = ctx.settings();
  const actions: CodeAction[] = [];
  const ignored = new Set<string>();
  const here: Diagnostic[] = ctx.diagnostics.at(file).filter((d) => overlaps(ctx.locations.range(d.span), params.range));
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  for (const d of here) {
    const lsp = toLspDiagnostic(d, ctx.locations, settings);
    if (wants(CodeActionKind.QuickFix)) {
      for (const fix of d.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: workspaceEdit(fix.edits, ctx.locations), ...(fix.isPreferred ? { isPreferred: true } : {}) });
      }
    }
    if (!d.code || ignored.has(d.code) || !wants(CodeActionKind.QuickFix)) continue;
    const text = ctx.index.textOf(file);
    const edit = text === undefined ? undefined : ignoreRuleEdit(file, text, d.span.start, d.code);
    if (!edit) continue;
    ignored.add(d.code);
    actions.push({ title: `Ignore ${d.code} (${d.rule}) on this line`, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: workspaceEdit([edit], ctx.locations) });
  }
  return actions;
}

export function registerCodeActions(connection: Connection, ctx: ServerContext): void {
  connection.onCodeAction(
    guarded(ctx, 'code actions', [], (params: CodeActionParams): CodeAction[] => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return [];
      ctx.flush();
      return codeActionsFor(ctx, file, params);
    }),
  );
}
