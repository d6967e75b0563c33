// The app model: what the engine knows about a workspace after reading it.
import type { RouterTree } from '../routing/types';
import type { Span } from './span';

export type AppKind = 'fastapi' | 'starlette' | 'router' | 'apirouter';

export interface AppSettings {
  docsUrl: string | null;
  openapiUrl: string | null;
  redocUrl: string | null;
  /** swagger_ui_oauth2_redirect_url */
  oauth2RedirectUrl: string | null;
  redirectSlashes: boolean;
  rootPath: string;
}

export interface AppInfo {
  /** uvicorn-style id, e.g. "shop.main:app" */
  id: string;
  module: string;
  variable: string;
  kind: AppKind;
  /** The constructor call (FastAPI(...), Starlette(...), create_app() ...) */
  span: Span;
  settings: AppSettings;
  /** The router the app serves, in match order (FastAPI docs routes first). */
  tree: RouterTree;
  /** ids of the apps that mount this one (empty = served on its own) */
  mountedBy: string[];
}

/** Something the engine could not resolve statically, with the reason. Never silently dropped. */
export interface Unresolved {
  span: Span;
  what: string;
  reason: string;
}

/** A file the engine skipped or could only partly read. */
export interface FileProblem {
  file: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
}
