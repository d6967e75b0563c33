import { describe, expect, it } from 'vitest';
import { check, PINNED } from './fixture';

const BODY = (comment: string, comment2 = '') =>
  'from fastapi import FastAPI\n\napp = FastAPI()\n' +
  `@app.get("/a/{x:integer}")${comment}\ndef a(x: int): ...\n` +
  `@app.get("/b/{x}/{x}")${comment2}\ndef b(x: int): ...\n` +
  'TEXT = "# route-lens: ignore[RL002]"\n';

describe('suppression comments and [tool.route-lens] select/ignore', () => {
  it('reports both without comments', async () => {
    expect((await check({ 'app.py': BODY('') })).codes).toEqual(['RL002', 'RL001']);
  });

  it('honours # route-lens: ignore[CODE] and rule names on the line, not text in strings', async () => {
    expect((await check({ 'app.py': BODY('  # route-lens: ignore[RL002]') })).codes).toEqual(['RL001']);
    expect((await check({ 'app.py': BODY('  # route-lens: ignore[RL001]') })).codes).toEqual(['RL002', 'RL001']);
    expect((await check({ 'app.py': BODY('  # noqa  # route-lens: ignore[unknown-convertor, RL003]', '  # route-lens: ignore') })).codes).toEqual([]);
  });

  it('honours select and ignore from pyproject.toml (codes, prefixes, names)', async () => {
    const ignore = await check({ 'pyproject.toml': PINNED() + 'ignore = ["RL002"]\n', 'app.py': BODY('') });
    expect(ignore.codes).toEqual(['RL001']);
    const select = await check({ 'pyproject.toml': PINNED() + 'select = ["unknown-convertor"]\n', 'app.py': BODY('') });
    expect(select.codes).toEqual(['RL002']);
    const prefix = await check({ 'pyproject.toml': PINNED() + 'select = ["RL00"]\nignore = ["duplicate-path-param"]\n', 'app.py': BODY('') });
    expect(prefix.codes).toEqual(['RL002']);
  });
});
