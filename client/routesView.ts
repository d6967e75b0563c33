// The Routes view: apps → mounts/hosts → routes in match order, method icons, click to open,
// shadowed routes marked, "Copy Path" in the context menu.
import * as vscode from 'vscode';
import type { RouteTableApp, RouteTableNode } from '../shared/ide/routeTable';
import type { RouteTableResponse } from '../shared/ide/protocol';

type Element = { kind: 'app'; app: RouteTableApp } | { kind: 'node'; node: RouteTableNode; appId: string };

const METHOD_COLORS: Record<string, string> = {
  GET: 'charts.blue',
  POST: 'charts.green',
  PUT: 'charts.orange',
  PATCH: 'charts.yellow',
  DELETE: 'charts.red',
};

function iconOf(node: RouteTableNode): vscode.ThemeIcon {
  if (node.shadowed) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  switch (node.kind) {
    case 'mount':
      return new vscode.ThemeIcon('folder-library');
    case 'host':
      return new vscode.ThemeIcon('globe');
    case 'websocket':
      return new vscode.ThemeIcon('plug');
    case 'unresolved':
      return new vscode.ThemeIcon('question');
    case 'route': {
      const first = node.methods?.find((m) => m !== 'HEAD') ?? '';
      const color = METHOD_COLORS[first];
      return new vscode.ThemeIcon(node.flavor === 'docs' ? 'book' : 'symbol-method', color ? new vscode.ThemeColor(color) : undefined);
    }
  }
}

export class RoutesView implements vscode.TreeDataProvider<Element> {
  private tables: RouteTableResponse = [];
  private readonly changed = new vscode.EventEmitter<Element | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly load: () => Promise<RouteTableResponse>) {}

  async refresh(): Promise<void> {
    try {
      this.tables = await this.load();
    } catch {
      this.tables = [];
    }
    this.changed.fire(undefined);
  }

  getChildren(element?: Element): Element[] {
    if (!element) return this.tables.flatMap((t) => t.apps.map((app): Element => ({ kind: 'app', app })));
    const nodes = element.kind === 'app' ? element.app.routes : (element.node.children ?? []);
    const appId = element.kind === 'app' ? element.app.id : element.appId;
    return nodes.map((node): Element => ({ kind: 'node', node, appId }));
  }

  getTreeItem(element: Element): vscode.TreeItem {
    if (element.kind === 'app') {
      const { app } = element;
      const item = new vscode.TreeItem(app.id, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${app.kind}${app.served ? '' : ' (not served)'} · ${app.versions}`;
      item.iconPath = new vscode.ThemeIcon('server');
      item.contextValue = 'routeLens.app';
      item.command = { title: 'Open', command: 'routeLens.openSpan', arguments: [app.span] };
      return item;
    }
    const { node } = element;
    const item = new vscode.TreeItem(node.label, node.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const parts = [node.handler, node.shadowed ? 'shadowed' : undefined, node.note].filter(Boolean);
    item.description = parts.join(' · ');
    item.tooltip = new vscode.MarkdownString(
      [`**${node.label}**`, node.name ? `name: \`${node.name}\`` : '', node.shadowed ? `⚠️ ${node.shadowed}` : '', node.note ?? ''].filter(Boolean).join('\n\n'),
    );
    item.iconPath = iconOf(node);
    item.contextValue = node.kind === 'unresolved' ? 'routeLens.unresolved' : 'routeLens.route';
    if (node.span) item.command = { title: 'Open', command: 'routeLens.openSpan', arguments: [node.span] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The path "Copy Path" puts on the clipboard for a view element. */
export function pathOf(element: unknown): string | undefined {
  const e = element as Element | undefined;
  return e?.kind === 'node' ? e.node.fullPath : undefined;
}
