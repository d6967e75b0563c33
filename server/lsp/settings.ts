// The server's settings: from the client's `routeLens` configuration section when it offers
// workspace/configuration, else from initializationOptions.
import { parseVersion, type FrameworkVersions } from '../../shared/versions';

export interface ServerSettings {
  /** Framework/Python versions to assume ("" or absent = detect from the project). */
  versions: Partial<FrameworkVersions>;
  /** Rule codes or names to run (empty = all). */
  select: string[];
  /** Rule codes or names to skip. */
  ignore: string[];
  /** Delay between the last edit and re-analysis. */
  debounceMs: number;
  /** Base URL of the rule pages; "<CODE>-<rule>.md" is appended (docs/rules/). */
  ruleDocsUrl: string;
}

export const DEFAULT_RULE_DOCS_URL = 'https://github.com/route-lens/route-lens/blob/main/docs/rules/';

export const DEFAULT_SETTINGS: ServerSettings = { versions: {}, select: [], ignore: [], debounceMs: 200, ruleDocsUrl: DEFAULT_RULE_DOCS_URL };

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Accepts `{ versions: { fastapi: "0.92" }, rules: { select, ignore }, debounceMs, ruleDocsUrl }`. */
export function parseSettings(raw: unknown): ServerSettings {
  const obj = record(raw);
  const versions: Partial<FrameworkVersions> = {};
  const v = record(obj['versions']);
  for (const key of ['python', 'starlette', 'fastapi'] as const) {
    const text = v[key];
    const parsed = typeof text === 'string' && text.trim() ? parseVersion(text) : undefined;
    if (parsed) versions[key] = parsed;
  }
  const rules = record(obj['rules']);
  const debounce = obj['debounceMs'];
  const docs = obj['ruleDocsUrl'];
  return {
    versions,
    select: strings(rules['select']),
    ignore: strings(rules['ignore']),
    debounceMs: typeof debounce === 'number' && debounce >= 0 && debounce <= 10_000 ? debounce : DEFAULT_SETTINGS.debounceMs,
    ruleDocsUrl: typeof docs === 'string' && docs ? (docs.endsWith('/') ? docs : docs + '/') : DEFAULT_RULE_DOCS_URL,
  };
}
