// Command palette: Match URL…, Show Route Table, Export OpenAPI Paths, Start / Stop Dev Router;
// and the Routes view's open / copy-path commands.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Span } from '../shared/model/span';
import {
  MATCH_REQUEST,
  OPENAPI_PATHS_REQUEST,
  ROUTE_TABLE_REQUEST,
  START_DEV_ROUTER_REQUEST,
  STOP_DEV_ROUTER_REQUEST,
  type MatchParams,
  type MatchResponse,
  type OpenApiPathsResponse,
  type RouteTableResponse,
  type StartDevRouterParams,
  type StartDevRouterResponse,
  type StopDevRouterResponse,
} from '../shared/ide/protocol';
import { routeTableMarkdown } from '../shared/ide/routeTableMarkdown';
import { pathOf } from './routesView';
import { openSpan } from './spans';
import type { DevRouterStatus } from './statusBar';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'WEBSOCKET'];

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel, devRouter: DevRouterStatus): void {
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

  const openDevRouter = async (url: string) => {
    await vscode.env.openExternal(vscode.Uri.parse(`${url}/_route_lens/`));
  };

  register('routeLens.startDevRouter', async () => {
    const port = vscode.workspace.getConfiguration('routeLens').get<number>('devRouter.port', 8765);
    const params: StartDevRouterParams = { port };
    let result = await client.sendRequest<StartDevRouterResponse>(START_DEV_ROUTER_REQUEST, params);
    if (!result.ok && result.reason === 'ambiguous') {
      const app = await vscode.window.showQuickPick(result.apps, { title: 'Route Lens: Start Dev Router — which app?', placeHolder: 'Several apps are served in this workspace' });
      if (!app) return;
      result = await client.sendRequest<StartDevRouterResponse>(START_DEV_ROUTER_REQUEST, { ...params, app });
    }
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Route Lens: cannot start the dev router: ${result.error}`);
      return;
    }
    devRouter.show(result.url, result.app);
    output.appendLine(`Dev router: ${result.app} at ${result.url}/ (route list: ${result.url}/_route_lens/)`);
    const choice = await vscode.window.showInformationMessage(`Route Lens dev router: ${result.app} at ${result.url}/`, 'Open in Browser');
    if (choice === 'Open in Browser') await openDevRouter(result.url);
  });

  register('routeLens.stopDevRouter', async () => {
    const result = await client.sendRequest<StopDevRouterResponse>(STOP_DEV_ROUTER_REQUEST, {});
    devRouter.hide();
    void vscode.window.showInformationMessage(result.stopped ? 'Route Lens: dev router stopped' : 'Route Lens: the dev router was not running');
  });

  // The status bar item's click: open the running dev router in the browser, or stop it.
  register('routeLens.devRouterActions', async () => {
    const running = devRouter.running;
    if (!running) return;
    const open = `$(link-external) Open ${running.url}/_route_lens/ in the Browser`;
    const copy = '$(copy) Copy Address';
    const stop = '$(debug-stop) Stop Dev Router';
    const choice = await vscode.window.showQuickPick([open, copy, stop], { title: `Route Lens dev router: ${running.app}` });
    if (choice === open) await openDevRouter(running.url);
    else if (choice === copy) await vscode.env.clipboard.writeText(running.url);
    else if (choice === stop) await vscode.commands.executeCommand('routeLens.stopDevRouter');
  });
}
