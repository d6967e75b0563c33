// One-line labels of route-table entries, as the editor shows them ("GET /items/{id}").
import type { TableNode } from '../routing/types';

export function methodsLabel(methods: readonly string[] | null): string {
  return methods === null || methods.length === 0 ? '*' : methods.join(',');
}

export function describeNode(node: TableNode, prefix = ''): string {
  switch (node.kind) {
    case 'route':
      return `${methodsLabel(node.methods)} ${prefix}${node.path}`;
    case 'websocket':
      return `WS ${prefix}${node.path}`;
    case 'mount':
      return `Mount('${prefix}${node.path}')`;
    case 'host':
      return `Host('${node.host}')`;
    case 'unresolved':
      return `unresolved ${node.what}`;
  }
}
