// The diagnostics entry point: runs every rule on a project, then applies [tool.route-lens]
// select/ignore and `# route-lens: ignore[CODE]` comments.
import { findShadowedRoutes } from '../analysis/shadowing';
import type { ProjectModel } from '../model/buildModel';
import type { WorkspaceModel } from '../workspace/loadWorkspace';
import { readConfig } from '../workspace/config';
import path from 'node:path';
import { RuleContext, type Rule } from './context';
import { duplicateOperationId } from './duplicate-operation-id';
import { duplicatePathParam } from './duplicate-path-param';
import { formFeedTruncation } from './form-feed-truncation';
import { invalidPrefix } from './invalid-prefix';
import { pathParamNotInSignature } from './path-param-not-in-signature';
import { routeAddedAfterInclude } from './route-added-after-include';
import { SHADOWED_ROUTE_CODE, SHADOWED_ROUTE_RULE, shadowedRouteDiagnostics } from './shadowed-route';
import { isSuppressed, type Suppressions } from './suppression';
import type { Diagnostic } from './types';
import { unknownConvertor } from './unknown-convertor';

const shadowedRoute: Rule = {
  code: SHADOWED_ROUTE_CODE,
  name: SHADOWED_ROUTE_RULE,
  check(ctx) {
    const apps = ctx.project.served.length > 0 ? ctx.project.served : ctx.project.apps.filter((a) => a.mountedBy.length === 0);
    const seenTrees = new Set<unknown>();
    const out: Diagnostic[] = [];
    for (const app of apps) {
      if (seenTrees.has(app.tree)) continue;
      seenTrees.add(app.tree);
      out.push(...shadowedRouteDiagnostics(findShadowedRoutes(app.tree), (span) => ctx.lineOf(span)));
    }
    return out;
  },
};

/** Every rule, by code. */
export const RULES: readonly Rule[] = [
  duplicatePathParam,
  unknownConvertor,
  shadowedRoute,
  formFeedTruncation,
  invalidPrefix,
  routeAddedAfterInclude,
  pathParamNotInSignature,
  duplicateOperationId,
];

export interface CheckOptions {
  /** Codes, code prefixes ("RL00"), rule names or "ALL" to run; replaces [tool.route-lens] select. */
  select?: readonly string[];
  /** Added to [tool.route-lens] ignore. */
  ignore?: readonly string[];
  /** Text of the project's pyproject.toml when it differs from the disk (an unsaved buffer). */
  pyproject?: string;
}

function matches(rule: Rule, selector: string): boolean {
  const s = selector.trim();
  if (s.toUpperCase() === 'ALL') return true;
  return rule.code.toUpperCase().startsWith(s.toUpperCase()) || rule.name === s.toLowerCase();
}

/** The rules to run: `select` (empty = all) minus `ignore`. */
export function selectedRules(select: readonly string[] = [], ignore: readonly string[] = []): Rule[] {
  const sel = select.filter((s) => s.trim());
  const ign = ignore.filter((s) => s.trim());
  return RULES.filter((r) => (sel.length === 0 || sel.some((s) => matches(r, s))) && !ign.some((s) => matches(r, s)));
}

/** Selectors that name no rule (for warnings about the configuration). */
export function unknownSelectors(selectors: readonly string[]): string[] {
  return selectors.filter((s) => s.trim() && !RULES.some((r) => matches(r, s)));
}

/**
 * Runs the rules on one project: [tool.route-lens] select/ignore of its pyproject.toml,
 * overridden/extended by `options`, and `# route-lens: ignore[CODE]` comments.
 */
export function checkProject(project: ProjectModel, options: CheckOptions = {}): Diagnostic[] {
  const config = readConfig(project.root, options.pyproject).config;
  const select = options.select?.length ? options.select : config.select;
  const ignore = [...config.ignore, ...(options.ignore ?? [])];
  const ctx = new RuleContext(project);
  const cache = new Map<string, Suppressions>();
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const rule of selectedRules(select, ignore)) {
    for (const d of rule.check(ctx)) {
      const key = `${d.code}|${d.span.file}|${d.span.start}|${d.span.end}|${d.message}`;
      if (seen.has(key) || isSuppressed(ctx, d, cache)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  return out.sort(compareDiagnostics);
}

/** Every project of a workspace (`overlays`: unsaved buffers, abs path → text). */
export function checkWorkspace(model: WorkspaceModel, options: Omit<CheckOptions, 'pyproject'> = {}, overlays?: ReadonlyMap<string, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const project of model.projects) {
    out.push(...checkProject(project, { ...options, pyproject: overlays?.get(path.join(project.root, 'pyproject.toml')) }));
  }
  return out.sort(compareDiagnostics);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export type { Rule } from './context';
export type { Diagnostic } from './types';
