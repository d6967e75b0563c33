import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../server/commands/check';
import { main } from '../../server/cli';
import { makeWorkspace } from '../workspace/tempdir';
import { PINNED } from './fixture';

async function cli(argv: string[], cwd?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
  const code = cwd ? await run(argv, io, cwd) : await main(['check', ...argv], io);
  return { code, out, err };
}

const APP = 'from fastapi import FastAPI\n\napp = FastAPI()\n@app.get("/a/{x:integer}")\ndef a(x: int): ...\n@app.get("/b/{y}")\ndef b(): ...\n';

describe('route-lens check', () => {
  it('prints file:line:col: CODE message and exits 1 on errors', async () => {
    const root = makeWorkspace({ 'pyproject.toml': PINNED(), 'app.py': APP });
    const r = await cli([root], root);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^app\.py:4:14: RL002 Unknown path convertor 'integer'/),
      expect.stringMatching(/^app\.py:6:14: RL007 Path parameter \{y\}/),
    ]);
    expect(r.out).toContain('Found 2 problems (1 error, 1 other).');
    expect(r.code).toBe(1);
  });

  it('exits 0 with only warnings, and renders json, sarif and github', async () => {
    const root = makeWorkspace({ 'pyproject.toml': PINNED(), 'app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n@app.get("/b/{y}")\ndef b(): ...\n' });
    expect((await cli([root], root)).code).toBe(0);
    const json = JSON.parse((await cli([root, '--output-format', 'json'], root)).out);
    expect(json).toMatchObject([{ code: 'RL007', rule: 'path-param-not-in-signature', severity: 'warning', file: 'app.py', line: 4, column: 14 }]);
    const sarif = JSON.parse((await cli([root, '--output-format=sarif'], root)).out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'RL007', level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'app.py' }, region: { startLine: 4, startColumn: 14 } } }] });
    const gh = (await cli([root, '--output-format', 'github'], root)).out;
    expect(gh).toMatch(/^::warning file=app\.py,line=4,col=14,endLine=4,endColumn=17,title=RL007 path-param-not-in-signature::Path parameter/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['--output-format', 'xml'])).code).toBe(2);
    expect((await cli([path.join(makeWorkspace({}), 'missing')])).code).toBe(2);
    expect((await cli(['--app', 'nocolon'])).code).toBe(2);
    expect((await cli(['--bogus'])).code).toBe(2);
  });
});
