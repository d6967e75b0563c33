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
