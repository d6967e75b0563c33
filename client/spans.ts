// Spans from the server (absolute path + UTF-16 offsets) → VS Code locations.
import * as vscode from 'vscode';
import type { Span } from '../shared/model/span';

export async function openSpan(span: Span, preserveFocus = false): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(span.file));
  const range = new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
  await vscode.window.showTextDocument(doc, { selection: range, preserveFocus });
}
