// Hover on a route declaration (decorator, Route(...) call, path string or handler name): a
// route card per app the declaration ends up in, with what FastAPI will publish for it.
import type { Span } from '../model/span';
import { openapiFieldsFor } from '../openapi/paths';
import { compilePath } from '../routing/compilePath';
import type { ConvertorTable, TableNode } from '../routing/types';
import type { WorkspaceModel } from '../workspace/loadWorkspace';
import { contains, routeEntries, type RouteEntry } from './routeEntries';
import { describeNode } from './describe';

export interface CardParam {
  name: string;
  convertor: string;
  /** The convertor's regex (Python syntax). */
  regex: string;
}

export interface CardOpenApi {
  summary: string;
  /** The description FastAPI publishes ('' = none). */
  description: string;
  descriptionSource: 'description' | 'docstring' | 'none';
  /** Set when the docstring's \f was meant to hide text but cleandoc deleted it: what was intended. */
  formFeedLost?: { intended: string };
  /** The operationId, when FastAPI's choice is deterministic. */
  operationId?: string;
  /** Every id FastAPI may pick (several for a multi-method route without operation_id). */
  operationIdCandidates: string[];
  tags: string[];
  deprecated: boolean;
  includeInSchema: boolean;
  /** Whether the route appears in the app's /openapi.json at all. */
  published: boolean;
}

export interface RouteCard {
  appId: string;
  kind: TableNode['kind'];
  flavor?: string;
  /** Upper-case methods; null = every method; [] for mounts, hosts and websocket routes. */
  methods: string[] | null;
  fullPath: string;
  name: string | null;
  handler?: string;
  params: CardParam[];
  openapi?: CardOpenApi;
  shadowedBy?: { label: string; span?: Span; example: string; methods: string[] | 'all' };
  note?: string;
}

export interface HoverResult {
  /** The span hovered (the innermost declaration part holding the offset). */
  span: Span;
  cards: RouteCard[];
}

function hoverSpans(node: TableNode): Span[] {
  const spans: Span[] = [];
  if (node.pathString) spans.push(node.pathString.span);
  if (node.span) spans.push(node.span);
  if ((node.kind === 'route' || node.kind === 'websocket') && node.endpoint?.nameSpan) spans.push(node.endpoint.nameSpan);
  return spans;
}

export function hoverAt(model: WorkspaceModel, file: string, offset: number): HoverResult | undefined {
  let best: { span: Span; entries: RouteEntry[] } | undefined;
  for (const entry of routeEntries(model)) {
    for (const span of hoverSpans(entry.node)) {
      if (!contains(span, file, offset)) continue;
      const size = span.end - span.start;
      if (!best || size < best.span.end - best.span.start) best = { span, entries: [entry] };
      else if (size === best.span.end - best.span.start && span.start === best.span.start && !best.entries.includes(entry)) best.entries.push(entry);
    }
  }
  if (!best) return undefined;
  return { span: best.span, cards: best.entries.map(routeCard) };
}

export function routeCard(entry: RouteEntry): RouteCard {
  const { node, row, app, project } = entry;
  const card: RouteCard = {
    appId: app.id,
    kind: node.kind,
    methods: row.methods,
    fullPath: row.fullPath,
    name: row.name,
    params: cardParams(row.fullPath, node, project.convertors),
  };
  if (row.flavor) card.flavor = row.flavor;
  if (row.handler) card.handler = row.handler.name;
  if (row.note) card.note = row.note;
  if (node.kind === 'route' && node.api) {
    const fields = openapiFieldsFor(node, project);
    if (fields) {
      const published = app.kind === 'fastapi' && !!app.settings.openapiUrl && row.depth === 0 && node.api.includeInSchema;
      card.openapi = {
        summary: fields.summary,
        description: fields.description.published,
        descriptionSource: fields.description.source,
        operationIdCandidates: fields.operationId.candidates,
        tags: node.api.tags,
        deprecated: node.api.deprecated,
        includeInSchema: node.api.includeInSchema,
        published,
      };
      if (fields.operationId.operationId !== undefined) card.openapi.operationId = fields.operationId.operationId;
      if (fields.description.formFeedLost) card.openapi.formFeedLost = { intended: fields.description.intended };
    }
  }
  if (entry.shadow) {
    const taker = entry.shadow.takenBy;
    const span = taker.pathString?.span ?? taker.span;
    card.shadowedBy = {
      label: describeNode(taker, entry.shadow.mountPrefix),
      example: entry.shadow.mountPrefix + entry.shadow.example,
      methods: entry.shadow.methods,
      ...(span ? { span } : {}),
    };
  }
  return card;
}

function cardParams(fullPath: string, node: TableNode, convertors: ConvertorTable): CardParam[] {
  if (node.kind === 'unresolved' || node.kind === 'host') return [];
  for (const template of [fullPath, node.path]) {
    const compiled = compilePath(template, convertors);
    if (compiled.ok) {
      return compiled.compiled.params.map((p) => ({ name: p.name, convertor: p.convertor, regex: convertors.get(p.convertor)?.regex ?? '' }));
    }
  }
  return [];
}
