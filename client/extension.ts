// Route Lens for VS Code: starts the language server (dist/server.js over node IPC) and adds
// the commands, the Routes view and the status bar item.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ROUTE_TABLE_REQUEST, STATUS_NOTIFICATION, type RouteTableResponse, type StatusParams } from '../shared/ide/protocol';
import { registerCommands } from './commands';
import { RoutesView } from './routesView';
import { DevRouterStatus, RouteLensStatus } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Route Lens');
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'file', pattern: '**/pyproject.toml' },
    ],
    initializationOptions: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('routeLens'))) as unknown,
    outputChannel: output,
  };
  client = new LanguageClient('routeLens', 'Route Lens', serverOptions, clientOptions);

  const status = new RouteLensStatus();
  const devRouter = new DevRouterStatus();
  const view = new RoutesView(() => client!.sendRequest<RouteTableResponse>(ROUTE_TABLE_REQUEST, {}));
  context.subscriptions.push(status, devRouter, view, output, vscode.window.registerTreeDataProvider('routeLens.routes', view));
  registerCommands(context, client, output, devRouter);
  // The dev router lives in the server process: it is gone whenever the server stops.
  context.subscriptions.push(client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) devRouter.hide();
  }));
  context.subscriptions.push(vscode.commands.registerCommand('routeLens.refreshRoutes', () => view.refresh()));

  context.subscriptions.push(
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      status.update(params);
      if (params.state !== 'indexing') void view.refresh();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
