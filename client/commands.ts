// Command palette: Match URL…, Show Route Table, Export OpenAPI Paths; and the Routes view's
// open / copy-path commands.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Span } from '../shared/model/span';
import {
  MATCH_REQUEST,
  OPENAPI_PATHS_REQUEST,
  ROUTE_TABLE_REQUEST,
  type MatchParams,
  type MatchResponse,
  type OpenApiPathsResponse,
  type RouteTableResponse,
} from '../shared/ide/protocol';
import { routeTableMarkdown } from '../shared/ide/routeTableMarkdown';
import { pathOf } from './routesView';
import { openSpan } from './spans';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'WEBSOCKET'];

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel): void {
  const register = (id: string, run: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          await run(...args);
        } catch (e) {
          void vscode.window.showErrorMessage(`Route Lens: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    );

  let lastMethod = 'GET';
  let lastUrl = '/';
  register('routeLens.matchUrl', async () => {
    const method = await vscode.window.showQuickPick(METHODS, { title: 'Route Lens: Match URL — method', placeHolder: lastMethod });
    if (!method) return;
    const url = await vscode.window.showInputBox({
      title: `Route Lens: Match URL — ${method}`,
      prompt: 'A path (/items/42?x=1) or a full URL (http://localhost:8000/items/42); the Host header is taken from a full URL',
      value: lastUrl,
    });
    if (url === undefined) return;
    lastMethod = method;
    lastUrl = url;
    const params: MatchParams = { method, url };
    const result = await client.sendRequest<MatchResponse>(MATCH_REQUEST, params);
    if (!result.ok) {
      void vscode.window.showWarningMessage(`Route Lens: ${result.error}`);
      return;
    }
    const a = result.answer;
    output.appendLine(`${method} ${url}  [${a.appId}]`);
    output.appendLine(`  ${a.summary}`);
    for (const [name, p] of Object.entries(a.params ?? {})) output.appendLine(`  param ${name} = ${p.value} (${p.type}, convertor ${p.convertor}, raw ${JSON.stringify(p.raw)})`);
    for (const t of a.trace) output.appendLine(`  ${t.pass === 'redirect-scan' ? '(slash redirect) ' : ''}${t.router}: ${t.node} against ${t.path} → ${t.result}`);
    const span = a.route?.span;
    if (span) await openSpan(span, true);
    const choice = await vscode.window.showInformationMessage(a.summary, ...(span ? ['Open Handler'] : []), 'Show Trace');
    if (choice === 'Open Handler' && span) await openSpan(span);
    if (choice === 'Show Trace') output.show(true);
  });

  register('routeLens.showRouteTable', async () => {
    const tables = await client.sendRequest<RouteTableResponse>(ROUTE_TABLE_REQUEST, {});
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: routeTableMarkdown(tables) });
    await vscode.window.showTextDocument(doc, { preview: true });
  });

  register('routeLens.exportOpenApiPaths', async () => {
    const apps = await client.sendRequest<OpenApiPathsResponse>(OPENAPI_PATHS_REQUEST, {});
    if (apps.length === 0) {
      void vscode.window.showWarningMessage('Route Lens: no FastAPI app is served in this workspace');
      return;
    }
    const content = apps.length === 1 ? { paths: apps[0]!.paths } : Object.fromEntries(apps.map((a) => [a.appId, { paths: a.paths }]));
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(content, null, 2) + '\n' });
    await vscode.window.showTextDocument(doc, { preview: true });
  });

  register('routeLens.openSpan', async (span) => {
    if (span && typeof span === 'object') await openSpan(span as Span);
  });

  register('routeLens.copyPath', async (element) => {
    const path = pathOf(element);
    if (path !== undefined) await vscode.env.clipboard.writeText(path);
  });
}
