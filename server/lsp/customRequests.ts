// Route Lens' own requests: the route table, match(method, url, host), the OpenAPI paths and
// starting/stopping the dev router.
import type { Connection } from 'vscode-languageserver/node';
import { matchUrl } from '../../shared/ide/match';
import {
  MATCH_REQUEST,
  OPENAPI_PATHS_REQUEST,
  ROUTE_TABLE_REQUEST,
  START_DEV_ROUTER_REQUEST,
  STOP_DEV_ROUTER_REQUEST,
  type MatchParams,
  type MatchResponse,
  type OpenApiPathsParams,
  type OpenApiPathsResponse,
  type RouteTableResponse,
  type StartDevRouterParams,
  type StartDevRouterResponse,
  type StopDevRouterResponse,
} from '../../shared/ide/protocol';
import { projectOfApp } from '../../shared/ide/routeEntries';
import { routeTable } from '../../shared/ide/routeTable';
import { openapiPaths } from '../../shared/openapi/paths';
import { guarded, type ServerContext } from './context';
import type { DevRouterHost } from './devRouterHost';

export function registerCustomRequests(connection: Connection, ctx: ServerContext): void {
  connection.onRequest(
    ROUTE_TABLE_REQUEST,
    guarded(ctx, 'route table', [], (): RouteTableResponse => {
      ctx.flush();
      return ctx.index.models().map(routeTable);
    }),
  );

  connection.onRequest<MatchResponse, void>(
    MATCH_REQUEST,
    guarded<MatchParams, MatchResponse>(ctx, 'match', { ok: false, error: 'internal error (see the Route Lens output)' }, (params): MatchResponse => {
      ctx.flush();
      if (!params || typeof params.method !== 'string' || typeof params.url !== 'string') return { ok: false, error: 'match needs { method, url }' };
      const models = ctx.index.models();
      const model = params.folder
        ? models.find((m) => m.root === params.folder)
        : params.app
          ? models.find((m) => m.apps.some((a) => a.id === params.app))
          : (models.find((m) => m.served.length > 0) ?? models[0]);
      if (!model) return { ok: false, error: 'no workspace folder has been analysed' };
      return matchUrl(model, params);
    }),
  );

  connection.onRequest(
    OPENAPI_PATHS_REQUEST,
    guarded(ctx, 'openapi paths', [], (params: OpenApiPathsParams | undefined): OpenApiPathsResponse => {
      ctx.flush();
      const out: OpenApiPathsResponse = [];
      for (const model of ctx.index.models()) {
        for (const app of model.served.length ? model.served : model.apps) {
          if (params?.app && app.id !== params.app) continue;
          if (app.kind !== 'fastapi') continue;
          const project = projectOfApp(model, app);
          if (project) out.push({ appId: app.id, paths: openapiPaths(app, project) });
        }
      }
      return out;
    }),
  );
}

export function registerDevRouterRequests(connection: Connection, ctx: ServerContext, host: DevRouterHost): void {
  connection.onRequest(START_DEV_ROUTER_REQUEST, async (params: StartDevRouterParams | undefined): Promise<StartDevRouterResponse> => {
    try {
      return await host.start(params && typeof params === 'object' ? params : {});
    } catch (e) {
      ctx.log(`route-lens: starting the dev router failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return { ok: false, error: `internal error: ${e instanceof Error ? e.message : String(e)}`, reason: 'listen', apps: [] };
    }
  });

  connection.onRequest(STOP_DEV_ROUTER_REQUEST, async (): Promise<StopDevRouterResponse> => ({ stopped: await host.stop() }));
}
