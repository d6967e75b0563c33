// Small inline fixture workspaces for engine tests.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeWorkspace, initEngine, readWorkspace, type WorkspaceModel, type WorkspaceOptions } from '../../shared/engine';
import type { RouterTree } from '../../shared/routing/types';

export function writeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'route-lens-'));
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

export async function analyze(files: Record<string, string>, options: WorkspaceOptions = {}): Promise<WorkspaceModel> {
  await initEngine();
  return analyzeWorkspace(readWorkspace(writeWorkspace(files)), options);
}

/** "METHODS PATH name" lines of a tree, mounts expanded with their prefix. */
export function table(tree: RouterTree, prefix = ''): string[] {
  const out: string[] = [];
  for (const n of tree.routes) {
    if (n.kind === 'route') out.push(`${n.methods === null ? '*' : n.methods.join(',')} ${prefix}${n.path} ${n.name}`);
    else if (n.kind === 'websocket') out.push(`WS ${prefix}${n.path} ${n.name}`);
    else if (n.kind === 'mount') {
      out.push(`MOUNT ${prefix}${n.path}${n.target.kind === 'opaque' ? ` (${n.target.label})` : ''}`);
      if (n.target.kind === 'router') out.push(...table(n.target, prefix + n.path));
    } else if (n.kind === 'host') out.push(`HOST ${n.host}`);
    else out.push(`UNRESOLVED ${n.what}: ${n.reason}`);
  }
  return out;
}

export const ORACLE_PINS = `[project]
name = "fixture"
version = "0"
requires-python = ">=3.11"
dependencies = ["fastapi==0.92.0", "starlette==0.26.1"]
`;
