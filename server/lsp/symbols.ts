// workspace/symbol: every route, searchable as "GET /items/{id}" or by handler name.
import { SymbolKind, type Connection, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver/node';
import { workspaceSymbols } from '../../shared/ide/symbols';
import { guarded, type ServerContext } from './context';

const KIND: Record<string, SymbolKind> = { route: SymbolKind.Function, websocket: SymbolKind.Event, mount: SymbolKind.Module, host: SymbolKind.Namespace };

export function registerSymbols(connection: Connection, ctx: ServerContext): void {
  connection.onWorkspaceSymbol(
    guarded(ctx, 'workspace symbols', [], (params: WorkspaceSymbolParams): SymbolInformation[] => {
      ctx.flush();
      const out: SymbolInformation[] = [];
      for (const model of ctx.index.models()) {
        for (const s of workspaceSymbols(model, params.query)) {
          out.push({
            name: s.name,
            kind: KIND[s.kind] ?? SymbolKind.Function,
            location: ctx.locations.location(s.span),
            containerName: s.handler ? `${s.handler} · ${s.appId}` : s.appId,
          });
        }
      }
      return out;
    }),
  );
}
