// Spans (absolute path + UTF-16 offsets) ↔ LSP locations (URI + line/character).
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Location, Range } from 'vscode-languageserver/node';
import { LineIndex, type Span } from '../../shared/model/span';

export type TextOf = (file: string) => string | undefined;

/** URIs as the client spelled them, so diagnostics land on the documents it opened. */
const clientUris = new Map<string, string>();

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = fileURLToPath(uri);
    clientUris.set(file, uri);
    return file;
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return clientUris.get(file) ?? pathToFileURL(file).href;
}

export class Locations {
  private readonly indexes = new Map<string, { text: string; index: LineIndex }>();

  constructor(private readonly textOf: TextOf) {}

  private index(file: string): LineIndex | undefined {
    const text = this.textOf(file);
    if (text === undefined) return undefined;
    const cached = this.indexes.get(file);
    if (cached && cached.text === text) return cached.index;
    const index = new LineIndex(text);
    this.indexes.set(file, { text, index });
    return index;
  }

  range(span: Span): Range {
    const index = this.index(span.file);
    if (!index) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: index.position(span.start), end: index.position(span.end) };
  }

  location(span: Span): Location {
    return { uri: pathToUri(span.file), range: this.range(span) };
  }

  offset(file: string, position: { line: number; character: number }): number | undefined {
    return this.index(file)?.offset(position);
  }
}
