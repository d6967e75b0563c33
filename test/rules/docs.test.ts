// Each rule has a docs/rules/<CODE>-<name>.md page equal to its file's doc comment.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../shared/rules/index';

const ROOT = path.resolve(__dirname, '../..');

function docComment(file: string): { head: string; body: string } | undefined {
  const m = /^\/\*\*\n([\s\S]*?)\n \*\//.exec(readFileSync(file, 'utf8'));
  if (!m) return undefined;
  const lines = m[1]!.split('\n').map((l) => l.replace(/^ \* ?/, '').replace(/^ \*$/, ''));
  return { head: lines[0]!.trim(), body: lines.slice(1).join('\n').replace(/^\n+|\n+$/g, '') };
}

describe('rule documentation', () => {
  it('every rule has a page matching its doc comment', () => {
    const files = readdirSync(path.join(ROOT, 'shared/rules')).map((f) => path.join(ROOT, 'shared/rules', f));
    for (const rule of RULES) {
      const source = files.map((f) => ({ f, doc: docComment(f) })).find((x) => x.doc?.head === `${rule.code} ${rule.name}`);
      expect(source, `doc comment of ${rule.code}`).toBeDefined();
      const page = path.join(ROOT, 'docs/rules', `${rule.code}-${rule.name}.md`);
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text.startsWith(`# ${rule.code} ${rule.name}\n`)).toBe(true);
      expect(text.endsWith(source!.doc!.body + '\n')).toBe(true);
    }
  });
});
