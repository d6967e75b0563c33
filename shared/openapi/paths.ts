// The `paths` object of the OpenAPI schema FastAPI generates for an app (fastapi/openapi/utils.py
// get_openapi): the app's own APIRoutes with include_in_schema, keyed by path format. Routes of
// mounted sub-apps are not in it (FastAPI only walks app.routes).
import type { AppInfo } from '../model/types';
import type { ProjectModel } from '../model/buildModel';
import { compilePath } from '../routing/compilePath';
import type { RouteNode } from '../routing/types';
import { descriptionFor, operationIdFor, summaryFor } from './fields';

export interface OpenApiOperation {
  tags?: string[];
  summary: string;
  description?: string;
  operationId: string;
  /** Other ids FastAPI may pick for a multi-method route (set order), when not unique. */
  operationIdCandidates?: string[];
  parameters?: { name: string; in: 'path'; required: true }[];
  deprecated?: true;
}

export interface OpenApiRouteFields {
  summary: string;
  description: ReturnType<typeof descriptionFor>;
  operationId: ReturnType<typeof operationIdFor>;
  pathFormat: string;
}

/** Summary, description and operationId FastAPI derives for one APIRoute (its path already full). */
export function openapiFieldsFor(route: RouteNode, project: ProjectModel): OpenApiRouteFields | undefined {
  if (route.flavor !== 'api' || !route.api) return undefined;
  const compiled = compilePath(route.path, project.convertors);
  const pathFormat = compiled.ok ? compiled.compiled.format : route.path;
  return {
    summary: summaryFor(route.name, route.api.summary),
    description: descriptionFor({ docstring: route.api.docstring?.value, description: route.api.description?.value }, project.versions.python),
    operationId: operationIdFor(route.name, pathFormat, route.methods ?? [], route.api.operationId),
    pathFormat,
  };
}

export function openapiPaths(app: AppInfo, project: ProjectModel): Record<string, Record<string, OpenApiOperation>> {
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  if (app.kind !== 'fastapi' || !app.settings.openapiUrl) return paths;
  for (const node of app.tree.routes) {
    if (node.kind !== 'route' || node.flavor !== 'api' || !node.api?.includeInSchema) continue;
    const fields = openapiFieldsFor(node, project)!;
    const compiled = compilePath(node.path, project.convertors);
    const params = compiled.ok ? compiled.compiled.params.map((p) => ({ name: p.name, in: 'path' as const, required: true as const })) : [];
    const operations = (paths[fields.pathFormat] ??= {});
    for (const method of node.methods ?? []) {
      const op: OpenApiOperation = {
        summary: fields.summary,
        operationId: fields.operationId.operationId ?? fields.operationId.candidates[0] ?? '',
      };
      if (node.api.tags.length) op.tags = node.api.tags;
      if (fields.description.published) op.description = fields.description.published;
      if (!fields.operationId.operationId) op.operationIdCandidates = fields.operationId.candidates;
      if (params.length) op.parameters = params;
      if (node.api.deprecated) op.deprecated = true;
      // Keys in FastAPI's order: tags, summary, description, operationId, parameters, deprecated.
      operations[method.toLowerCase()] = {
        ...(op.tags ? { tags: op.tags } : {}),
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        operationId: op.operationId,
        ...(op.operationIdCandidates ? { operationIdCandidates: op.operationIdCandidates } : {}),
        ...(op.parameters ? { parameters: op.parameters } : {}),
        ...(op.deprecated ? { deprecated: true as const } : {}),
      };
    }
  }
  return paths;
}
