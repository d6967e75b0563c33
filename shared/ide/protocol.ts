// Custom LSP requests and notifications between the Route Lens server and its clients. Plain
// JSON: spans carry absolute file paths (clients turn them into URIs).
import type { MatchQuery, MatchResult } from './match';
import type { OpenApiOperation } from '../openapi/paths';
import type { RouteTable } from './routeTable';

export const ROUTE_TABLE_REQUEST = 'routeLens/routeTable';
/** No params. One table per workspace folder. */
export type RouteTableResponse = RouteTable[];

export const MATCH_REQUEST = 'routeLens/match';
/** `folder`: absolute path of the workspace folder to ask (default: the first with apps). */
export type MatchParams = MatchQuery & { folder?: string };
export type MatchResponse = MatchResult;

export const OPENAPI_PATHS_REQUEST = 'routeLens/openapiPaths';
export interface OpenApiPathsParams {
  app?: string;
}
export type OpenApiPathsResponse = { appId: string; paths: Record<string, Record<string, OpenApiOperation>> }[];

export const STATUS_NOTIFICATION = 'routeLens/status';
export interface StatusParams {
  state: 'indexing' | 'ready' | 'error';
  routes: number;
  apps: number;
  message?: string;
}

export const START_DEV_ROUTER_REQUEST = 'routeLens/startDevRouter';
/** All optional: port (default 8765; 0 = a free one), host (default 127.0.0.1), app (uvicorn-style id). */
export interface StartDevRouterParams {
  port?: number;
  host?: string;
  app?: string;
}
/**
 * `ambiguous`: several apps are served and none was named — `apps` lists them (ask, then retry
 * with `app`). A running dev router is replaced by the new one.
 */
export type StartDevRouterResponse =
  | { ok: true; url: string; host: string; port: number; app: string; folder: string }
  | { ok: false; error: string; reason: 'ambiguous' | 'no-app' | 'not-found' | 'listen' | 'bad-params' | 'not-ready'; apps: string[] };

export const STOP_DEV_ROUTER_REQUEST = 'routeLens/stopDevRouter';
/** `stopped`: whether one was running. */
export interface StopDevRouterResponse {
  stopped: boolean;
}
