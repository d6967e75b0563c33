// What the dev router needs from its host (the CLI's file watcher or the language server's live
// index), and what it hands back.
import type { WorkspaceModel } from '../../shared/engine';

/**
 * One immutable analysis of the workspace. The dev router reads the provider ONCE per request
 * and answers the whole request from that value, so a request never mixes two tables.
 */
export interface DevRouterSnapshot {
  workspace: WorkspaceModel;
  /** The texts the model was built from (absolute path → text), for handler line numbers. */
  files?: ReadonlyMap<string, string>;
  /** Increases with every new model; sent back as the X-Route-Lens-Generation header. */
  generation?: number;
}

export interface DevRouterLimits {
  /** Request bodies larger than this get 413 (the body is read and discarded, never used). */
  maxBodyBytes: number;
  /** Total size of the request line and headers; larger requests get 431. */
  maxHeaderBytes: number;
}

export interface DevRouterOptions {
  /** Returns the current snapshot (undefined while the first analysis runs: requests get 503). */
  model: () => DevRouterSnapshot | undefined;
  /** uvicorn-style id of the app to serve; needed when the workspace serves several. */
  app?: string;
  /** Default 8765; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback). */
  host?: string;
  /** Extra Host header names to accept besides loopback names (e.g. when binding 0.0.0.0). */
  allowedHosts?: string[];
  limits?: Partial<DevRouterLimits>;
}

export interface DevRouterAddress {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:8765 */
  url: string;
}

export interface DevRouterHandle {
  address: DevRouterAddress;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8765;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_LIMITS: DevRouterLimits = { maxBodyBytes: 1 << 20, maxHeaderBytes: 16 * 1024 };
/** The dev router's own pages live under this prefix; everything else is the app's URL space. */
export const RESERVED_PREFIX = '/_route_lens';
