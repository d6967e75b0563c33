// textDocument/hover: the route card of the declaration under the cursor.
import { MarkupKind, type Connection, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { hoverAt } from '../../shared/ide/hover';
import { hoverMarkdown } from '../../shared/ide/routeCardMarkdown';
import { guarded, type ServerContext } from './context';
import { uriToPath } from './locations';

export function registerHover(connection: Connection, ctx: ServerContext): void {
  connection.onHover(
    guarded(ctx, 'hover', null, (params: HoverParams): Hover | null => {
      const file = uriToPath(params.textDocument.uri);
      if (!file) return null;
      ctx.flush();
      const model = ctx.index.modelFor(file);
      const offset = ctx.locations.offset(file, params.position);
      if (!model || offset === undefined) return null;
      const result = hoverAt(model, file, offset);
      if (!result || result.cards.length === 0) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(result) }, range: ctx.locations.range(result.span) };
    }),
  );
}
