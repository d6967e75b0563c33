// The engine against the real framework on every fixture app and the examples: route order,
// full paths, methods, names, handlers and the OpenAPI summary/description/operationId must be
// identical to what Debian's FastAPI 0.92 / Starlette 0.26.1 build when importing the app.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace, initEngine, readWorkspace, type AppInfo, type ProjectModel, type WorkspaceModel } from '../../shared/engine';
import { LineIndex } from '../../shared/model/span';
import { openapiFieldsFor } from '../../shared/openapi/paths';
import type { RouteNode, RouterTree } from '../../shared/routing/types';
import { dumpApps, flattenRoutes, type AppDump } from '../oracle/dumpApp';
import { requireOracle } from '../oracle/oracle';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const EXAMPLES = path.resolve(__dirname, '../../examples');

interface Case {
  label: string;
  dir: string;
  app: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, name);
    if (!existsSync(path.join(dir, 'pyproject.toml')) || name === 'env_path') continue;
    out.push({ label: `fixture ${name}`, dir, app: '' });
  }
  out.push({ label: 'example fastapi_shop', dir: path.join(EXAMPLES, 'fastapi_shop'), app: 'shop.main:app' });
  out.push({ label: 'example starlette_blog', dir: path.join(EXAMPLES, 'starlette_blog'), app: 'blog.app:app' });
  return out;
}

interface FlatRoute {
  kind: 'route' | 'websocket';
  full_path: string;
  methods: string[] | null;
  name: string;
  endpoint: string | null;
  def_line: number | null;
}

function engineRoutes(tree: RouterTree, prefix = ''): { node: RouteNode | null; flat: FlatRoute }[] {
  const out: { node: RouteNode | null; flat: FlatRoute }[] = [];
  for (const n of tree.routes) {
    if (n.kind === 'route' || n.kind === 'websocket') {
      let defLine: number | null = null;
      const span = n.endpoint?.nameSpan;
      if (span && n.flavor !== 'docs') {
        defLine = new LineIndex(textOf(span.file)).position(span.start).line + 1;
      }
      out.push({
        node: n.kind === 'route' ? n : null,
        flat: {
          kind: n.kind,
          full_path: prefix + n.path,
          methods: n.kind === 'websocket' ? null : n.methods === null ? null : [...n.methods].sort(),
          name: n.name,
          endpoint: n.flavor === 'docs' ? null : (n.endpoint?.name ?? null),
          def_line: defLine,
        },
      });
    } else if (n.kind === 'mount' && n.target.kind === 'router') {
      out.push(...engineRoutes(n.target, prefix + n.path));
    } else if (n.kind === 'host' && n.target.kind === 'router') {
      out.push(...engineRoutes(n.target, prefix));
    }
  }
  return out;
}

const texts = new Map<string, string>();
function textOf(file: string): string {
  return texts.get(file) ?? '';
}

function oracleRoutes(dump: AppDump): FlatRoute[] {
  const docs = new Set(['openapi', 'swagger_ui_html', 'swagger_ui_redirect', 'redoc_html']);
  return flattenRoutes(dump.routes).map((r) => ({
    kind: r.kind,
    full_path: r.full_path,
    methods: r.kind === 'websocket' ? null : r.methods,
    name: r.name,
    endpoint: r.endpoint && !(docs.has(r.endpoint.name) && r.endpoint.file === null) ? r.endpoint.name : null,
    def_line: r.endpoint && r.endpoint.file !== null ? r.endpoint.def_line : null,
  }));
}

describe('engine = real framework on fixture apps', () => {
  const all = cases();
  let dumps: AppDump[] = [];
  const models = new Map<string, { model: WorkspaceModel; app: AppInfo; project: ProjectModel }>();

  beforeAll(async () => {
    requireOracle();
    await initEngine();
    for (const c of all) {
      const snapshot = readWorkspace(c.dir);
      for (const [f, t] of snapshot.files) texts.set(f, t);
      const model = analyzeWorkspace(snapshot, c.app ? { app: { module: c.app.split(':')[0]!, variable: c.app.split(':')[1]! } } : {});
      const app = model.served[0];
      if (!app) throw new Error(`${c.label}: the engine found no served app (${model.problems.map((p) => p.message).join('; ')})`);
      if (!c.app) c.app = `${app.module}:${app.variable}`;
      models.set(c.label, { model, app, project: model.projects.find((p) => p.apps.some((a) => a.tree === app.tree))! });
    }
    dumps = dumpApps(all.map((c) => ({ dir: c.dir, app: c.app })));
  });

  for (const [i, c] of all.entries()) {
    it(`${c.label}: routes in match order`, () => {
      const { app } = models.get(c.label)!;
      const engine = engineRoutes(app.tree).map((r) => r.flat);
      expect(engine).toEqual(oracleRoutes(dumps[i]!));
    });

    it(`${c.label}: OpenAPI summary, description, operationId`, () => {
      const { app, project } = models.get(c.label)!;
      const dump = dumps[i]!;
      if (!dump.openapi) {
        expect(app.kind).not.toBe('fastapi');
        return;
      }
      // Later routes with the same path format and method replace earlier ones in the schema.
      const expected = new Map(dump.openapi.operations.map((op) => [`${op.method} ${op.path}`, op]));
      const actual = new Map<string, { summary: string; description: string | null; operationIds: string[]; tags: string[] | null; deprecated: boolean | null }>();
      for (const n of app.tree.routes) {
        if (n.kind !== 'route' || n.flavor !== 'api' || !n.api?.includeInSchema) continue;
        const f = openapiFieldsFor(n, project)!;
        for (const m of n.methods ?? []) {
          actual.set(`${m.toLowerCase()} ${f.pathFormat}`, {
            summary: f.summary,
            description: f.description.published || null,
            operationIds: f.operationId.candidates,
            tags: n.api.tags.length ? n.api.tags : null,
            deprecated: n.api.deprecated ? true : null,
          });
        }
      }
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, op] of expected) {
        const mine = actual.get(key)!;
        expect({ key, summary: mine.summary, description: mine.description, tags: mine.tags, deprecated: mine.deprecated }).toEqual({
          key,
          summary: op.summary,
          description: op.description,
          tags: op.tags,
          deprecated: op.deprecated,
        });
        // Multi-method routes: FastAPI picks one method of a set (hash order): compare as a set.
        expect(mine.operationIds).toContain(op.operationId);
      }
    });
  }
});
