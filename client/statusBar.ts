// Status bar: route count and indexing state, from the server's routeLens/status notification;
// and, while it runs, the dev router's address.
import * as vscode from 'vscode';
import type { StatusParams } from '../shared/ide/protocol';

export class RouteLensStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('routeLens.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Route Lens';
    this.item.command = 'routeLens.showRouteTable';
    this.update({ state: 'indexing', routes: 0, apps: 0 });
    this.item.show();
  }

  update(status: StatusParams): void {
    const count = `${status.routes} route${status.routes === 1 ? '' : 's'}`;
    switch (status.state) {
      case 'indexing':
        this.item.text = `$(sync~spin) Routes: indexing…`;
        this.item.tooltip = 'Route Lens is reading the workspace';
        break;
      case 'ready':
        this.item.text = `$(list-tree) ${count}`;
        this.item.tooltip = `Route Lens: ${count} in ${status.apps} served app${status.apps === 1 ? '' : 's'}. Click for the route table.`;
        break;
      case 'error':
        this.item.text = `$(warning) ${count}`;
        this.item.tooltip = `Route Lens could not analyse part of the workspace:\n${status.message ?? ''}`;
        break;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Shown while the dev router runs: its address; a click offers open in browser / stop. */
export class DevRouterStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('routeLens.devRouter', vscode.StatusBarAlignment.Left, 49);
  private current: { url: string; app: string } | undefined;

  constructor() {
    this.item.name = 'Route Lens Dev Router';
    this.item.command = 'routeLens.devRouterActions';
  }

  get running(): { url: string; app: string } | undefined {
    return this.current;
  }

  show(url: string, app: string): void {
    this.current = { url, app };
    this.item.text = `$(radio-tower) ${url.replace(/^http:\/\//, '')}`;
    this.item.tooltip = `Route Lens dev router: ${app} at ${url}/ (routed statically, no code runs). Click to open or stop it.`;
    this.item.show();
    void vscode.commands.executeCommand('setContext', 'routeLens.devRouterRunning', true);
  }

  hide(): void {
    this.current = undefined;
    this.item.hide();
    void vscode.commands.executeCommand('setContext', 'routeLens.devRouterRunning', false);
  }

  dispose(): void {
    this.item.dispose();
  }
}
