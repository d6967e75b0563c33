// Which app the dev router serves: the one named with --app, else the only served app.
import type { AppInfo, WorkspaceModel } from '../../shared/engine';

export type AppChoice = { ok: true; app: AppInfo } | { ok: false; message: string; apps: string[] };

export function selectApp(workspace: WorkspaceModel, wanted?: string): AppChoice {
  const ids = workspace.apps.map((a) => a.id);
  if (wanted) {
    // Ids of multi-project workspaces carry the project folder ("fastapi_shop/shop.main:app").
    const found = workspace.apps.find((a) => a.id === wanted) ?? workspace.apps.find((a) => a.id.endsWith('/' + wanted));
    if (found) return { ok: true, app: found };
    return { ok: false, message: `app ${wanted} not found; apps: ${ids.join(', ') || 'none'}`, apps: ids };
  }
  if (workspace.served.length === 1) return { ok: true, app: workspace.served[0]! };
  if (workspace.served.length === 0) return { ok: false, message: `no served app found${ids.length ? `; apps: ${ids.join(', ')}` : ''}`, apps: ids };
  const served = workspace.served.map((a) => a.id);
  return { ok: false, message: `several apps are served: ${served.join(', ')}; choose one with --app`, apps: served };
}
