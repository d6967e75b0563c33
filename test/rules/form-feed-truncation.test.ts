import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, readWorkspace } from '../../shared/engine';
import { descriptionFor } from '../../shared/openapi/fields';
import { checkWorkspace } from '../../shared/rules/index';
import { applyEdits, check, PINNED } from './fixture';
import { writeFileSync } from 'node:fs';

const HEAD = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n';
const route = (doc: string, extra = '') => `${HEAD}@app.get("/x"${extra})\ndef x():\n    ${doc}\n    return None\n`;

describe('RL004 form-feed-truncation', () => {
  it('reports the seed case: a \\f line that is the least indented (Python 3.11) and shows what is published', async () => {
    const r = await check({ 'app.py': route('"""Read one item.\n    \\fInternal note."""') }, { select: ['RL004'] });
    expect(r.lines).toEqual(['app.py:8:5 RL004 \\f']);
    expect(r.diagnostics[0]!.message).toContain('"Read one item.\\nInternal note."');
    expect(r.diagnostics[0]!.message).toContain('instead of "Read one item."');
  });

  it('its quick fix moves the \\f where it survives and publishes the intended text', async () => {
    const r = await check({ 'app.py': route('"""Read one item.\n    \\fInternal note."""') }, { select: ['RL004'] });
    const fix = r.diagnostics[0]!.fixes[0]!;
    const fixed = applyEdits(fix.edits, (f) => readFileSync(f, 'utf8'));
    for (const [file, text] of fixed) writeFileSync(file, text);
    const again = checkWorkspace(analyzeWorkspace(readWorkspace(r.root)), { select: ['RL004'] });
    expect(again).toEqual([]);
    expect([...fixed.values()][0]).toContain('"""Read one item.\\f\n     Internal note."""');
  });

  it('is silent when the \\f survives: after text, or with another line indented the same', async () => {
    const r = await check(
      {
        'app.py':
          HEAD +
          '@app.get("/a")\ndef a():\n    """A.\\f\n    hidden"""\n' +
          '@app.get("/b")\ndef b():\n    """A\n    x\n    \\fB"""\n' +
          '@app.get("/c")\ndef c():\n    """A\n\n    Text.\n    \\f\n    hidden\n    """\n',
      },
      { select: ['RL004'] },
    );
    expect(r.lines).toEqual([]);
  });

  it('reports again when the other line is indented more (margin includes the \\f)', async () => {
    const r = await check({ 'app.py': route('"""A\n        x\n    \\fB"""') }, { select: ['RL004'] });
    expect(r.codes).toEqual(['RL004']);
  });

  it('follows the Python version: 3.13 dedents with spaces only, so the \\f survives', async () => {
    const r = await check({ 'pyproject.toml': PINNED('3.13'), 'app.py': route('"""Read one item.\n    \\fInternal note."""') }, { select: ['RL004'] });
    expect(r.lines).toEqual([]);
  });

  it('reports a raw docstring and a raw description=, with a fix dropping the r', async () => {
    const r = await check(
      { 'app.py': route('r"""Visible.\\fHidden."""') + '@app.get("/y", description=r"Shown\\fhidden")\ndef y():\n    return None\n' },
      { select: ['RL004'] },
    );
    expect(r.lines).toEqual(['app.py:7:17 RL004 \\f', 'app.py:9:35 RL004 \\f']);
    expect(r.diagnostics[0]!.message).toContain('"Visible.\\\\fHidden."');
    expect(r.diagnostics[0]!.fixes[0]!.edits[0]!.newText).toBe('');
  });

  it('is silent for a real \\f in description= (FastAPI cuts it too) and for an escaped backslash', async () => {
    const r = await check(
      { 'app.py': route('"""Doc \\\\f text."""', ', description="Shown\\fhidden"') + '@app.get("/z")\ndef z():\n    """Doc \\\\f text."""\n' },
      { select: ['RL004'] },
    );
    expect(r.lines).toEqual([]);
    expect(descriptionFor({ description: 'Shown\fhidden' }, [3, 11]).published).toBe('Shown');
  });
});
