// textDocument/completion: convertor names after `{name:` in a route path string.
import { CompletionItemKind, type CompletionItem, type CompletionParams, type Connection } from 'vscode-languageserver/node';
import { convertorCompletions } from '../../shared/ide/completion';
import { guarded, type ServerContext } from './context';
import { uriToPath } from './locations';

export const COMPLETION_TRIGGERS = [':'];

export function registerCompletion(connection: Connection, ctx: ServerContext): void {
  connection.onCompletion(
    guarded(ctx, 'completion', [], (params: CompletionParams): CompletionItem[] => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return [];
      const text = ctx.index.textOf(file);
      const offset = ctx.locations.offset(file, params.position);
      if (text === undefined || offset === undefined) return [];
      // The project's convertors come from the last analysis; no need to wait for a fresh one.
      const items = convertorCompletions(ctx.index.modelFor(file), file, text, offset);
      return items.map((c, i) => ({
        label: c.label,
        kind: CompletionItemKind.TypeParameter,
        detail: c.detail,
        documentation: c.documentation,
        sortText: String(i).padStart(4, '0'),
        textEdit: { range: ctx.locations.range(c.replace), newText: c.label },
      }));
    }),
  );
}
