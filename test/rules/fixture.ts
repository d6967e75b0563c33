// Inline fixture apps for the rule tests: writes files to a temp dir, analyses it and runs the rules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeWorkspace, initEngine, readWorkspace, type WorkspaceModel } from '../../shared/engine';
import { LineIndex } from '../../shared/model/span';
import { checkWorkspace, type CheckOptions } from '../../shared/rules/index';
import type { Diagnostic } from '../../shared/rules/types';
import { makeWorkspace } from '../workspace/tempdir';

export interface Checked {
  root: string;
  model: WorkspaceModel;
  diagnostics: Diagnostic[];
  /** Diagnostics as "file:line:col CODE <text under the range>" (file relative to the root). */
  lines: string[];
  codes: string[];
}

export const PINNED = (python = '3.11', starlette = '0.26.1', fastapi = '0.92.0') =>
  `[tool.route-lens]\npython-version = "${python}"\nstarlette-version = "${starlette}"\nfastapi-version = "${fastapi}"\n`;

export async function check(files: Record<string, string>, options: CheckOptions = {}): Promise<Checked> {
  await initEngine();
  const tree = { 'pyproject.toml': PINNED(), ...files };
  const root = makeWorkspace(tree);
  const model = analyzeWorkspace(readWorkspace(root));
  const diagnostics = checkWorkspace(model, options);
  return { root, model, diagnostics, lines: diagnostics.map((d) => describe(root, d)), codes: diagnostics.map((d) => d.code) };
}

export function describe(root: string, d: Diagnostic): string {
  const text = readFileSync(d.span.file, 'utf8');
  const pos = new LineIndex(text).position(d.span.start);
  return `${path.relative(root, d.span.file)}:${pos.line + 1}:${pos.character + 1} ${d.code} ${text.slice(d.span.start, d.span.end)}`;
}

/** Applies a fix's edits to the files on disk (edits must not overlap). */
export function applyEdits(edits: Diagnostic['fixes'][number]['edits'], read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  const byFile = new Map<string, typeof edits>();
  for (const e of edits) byFile.set(e.span.file, [...(byFile.get(e.span.file) ?? []), e]);
  for (const [file, list] of byFile) {
    let text = read(file);
    for (const e of [...list].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    out.set(file, text);
  }
  return out;
}
