// What every rule reads: the project model plus the files' text and syntax trees, and helpers
// that turn positions inside a decoded Python string into source ranges.
import type { ProjectModel } from '../model/buildModel';
import type { Entry, RouteDeclaration, RouterObject } from '../model/routerObject';
import { LineIndex, type Span } from '../model/span';
import type { SyntaxNode, SyntaxTree } from '../python/parser';
import type { StringWithMap } from '../routing/types';
import type { Diagnostic } from './types';

export interface Rule {
  code: string;
  name: string;
  check(ctx: RuleContext): Diagnostic[];
}

export interface SourceFile {
  text: string;
  tree?: SyntaxTree;
  readonly lines: LineIndex;
}

/** A route, websocket route or mount declaration as some router object holds it. */
export type PathDeclaration = Extract<Entry, { kind: 'route' | 'websocket' | 'mount' | 'host' }>;

export interface PlacedDeclaration {
  decl: PathDeclaration;
  router: RouterObject;
  /** Position in router.entries. */
  index: number;
}

export class RuleContext {
  private readonly files = new Map<string, SourceFile>();
  /** declarations(), listed once: every rule walks them. */
  private placed: readonly PlacedDeclaration[] | undefined;

  constructor(readonly project: ProjectModel) {
    for (const m of project.evaluator.modules.values()) {
      const text = m.source.text;
      let lines: LineIndex | undefined;
      // Built on first use: most files never carry a diagnostic.
      this.files.set(m.source.file, {
        text,
        tree: m.tree,
        get lines() {
          return (lines ??= new LineIndex(text));
        },
      });
    }
  }

  file(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  /** 1-based line of a span's start. */
  lineOf(span: Span): number | undefined {
    const f = this.files.get(span.file);
    return f ? f.lines.position(span.start).line + 1 : undefined;
  }

  /** The smallest syntax node covering the span exactly or around it. */
  nodeAt(span: Span): SyntaxNode | undefined {
    const tree = this.files.get(span.file)?.tree;
    return tree?.rootNode.descendantForIndex(span.start, Math.max(span.start, span.end - 1)) ?? undefined;
  }

  /** Every route/websocket/mount/host entry of every router object, including copies made by include_router. */
  declarations(): readonly PlacedDeclaration[] {
    if (this.placed) return this.placed;
    const placed: PlacedDeclaration[] = [];
    for (const router of this.project.routers) {
      for (let index = 0; index < router.entries.length; index++) {
        const decl = router.entries[index]!;
        if (decl.kind === 'route' || decl.kind === 'websocket' || decl.kind === 'mount' || decl.kind === 'host') placed.push({ decl, router, index });
      }
    }
    return (this.placed = placed);
  }

  /**
   * Source range of value[start, end) of a decoded string, or undefined when part of it did not
   * come from the source. An escape sequence (`\f`, `\x0c`) is covered whole.
   */
  rangeIn(s: StringWithMap, start: number, end: number): Span | undefined {
    if (start < 0 || end > s.value.length || start > end) return undefined;
    const first = s.offsets[start];
    if (first === undefined || first < 0) return undefined;
    if (end === start) return { file: s.file, start: first, end: first };
    const last = s.offsets[end - 1]!;
    if (last < 0) return undefined;
    return { file: s.file, start: first, end: last + this.sourceLength(s.file, last) };
  }

  /** How many source units the character (or escape sequence) at `offset` takes. */
  private sourceLength(file: string, offset: number): number {
    const text = this.files.get(file)?.text;
    if (!text || text[offset] !== '\\') return 1;
    const m = /^\\(?:N\{[^}\n]*\}|U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\r\n|[\s\S])/.exec(text.slice(offset, offset + 80));
    return m ? m[0].length : 1;
  }
}

/** Python's repr-like quoting for messages. */
export function quote(text: string, max = 160): string {
  const shown = text.length > max ? text.slice(0, max - 1) + '…' : text;
  return JSON.stringify(shown);
}

export function isApiRoute(decl: PathDeclaration): decl is RouteDeclaration & { kind: 'route' } {
  return decl.kind === 'route' && decl.flavor === 'api';
}
