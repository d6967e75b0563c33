import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_DOCS_URL, parseSettings } from '../../server/lsp/settings';

describe('server settings', () => {
  it('reads the routeLens section; bad or empty values fall back to the defaults', () => {
    expect(parseSettings({ versions: { fastapi: '0.92', starlette: '', python: 'x' }, rules: { select: ['RL003', 3, ' '], ignore: ['shadowed-route'] }, debounceMs: 50, ruleDocsUrl: 'https://x/rules' })).toEqual({
      versions: { fastapi: [0, 92] },
      select: ['RL003'],
      ignore: ['shadowed-route'],
      debounceMs: 50,
      ruleDocsUrl: 'https://x/rules/',
    });
    expect(parseSettings(undefined)).toEqual({ versions: {}, select: [], ignore: [], debounceMs: 200, ruleDocsUrl: DEFAULT_RULE_DOCS_URL });
    expect(parseSettings({ debounceMs: -1, rules: 'all' }).debounceMs).toBe(200);
  });
});
