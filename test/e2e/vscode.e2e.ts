// VS Code end to end: the packaged .vsix installed into code-server (the real workbench), the
// examples/ folder opened untrusted (Restricted Mode), the UI driven with playwright-core in
// Debian's Chromium. Screenshots of every step go to test-artifacts/vscode/.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, installCodeServer, packageExtension, startCodeServer, type CodeServer } from './vscode/codeServer';
import { artifactsDir, copyExamples, REPO } from './workspace';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'files.autoSave': 'off',
  'security.workspace.trust.enabled': true,
};

/** Every planted mistake of examples/ (examples/README.md) as "file:line CODE". */
const PLANTED = [
  'drafts.py:13 RL002',
  'drafts.py:18 RL001',
  'drafts.py:23 RL005',
  'main.py:22 RL006',
  'items.py:42 RL004',
  'items.py:46 RL003',
  'users.py:24 RL008',
  'users.py:29 RL007',
  'app.py:32 RL003',
  'app.py:36 RL001',
  'app.py:44 RL003',
];

describe('VS Code (code-server) with the packaged extension', () => {
  let workspace: ReturnType<typeof copyExamples>;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let shots: string;

  const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });

  async function command(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor();
    await page.keyboard.press('Enter');
  }

  async function openFile(name: string, line: number, column: number): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    // Enter picks the focused row: wait until the filter has put the file first.
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await page.keyboard.press('Control+G');
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => cursorPosition()).toBe(`${line}:${column}`);
  }

  async function cursorPosition(): Promise<string> {
    const text = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    return m ? `${m[1]}:${m[2]}` : text;
  }

  /** The Problems panel as "file:line CODE" (file rows head their markers). */
  async function problems(): Promise<string[]> {
    const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((e) => ({ label: e.getAttribute('aria-label') ?? '', text: (e as unknown as { innerText: string }).innerText })),
    );
    const out: string[] = [];
    let file = '';
    for (const { label, text } of rows) {
      const fileRow = /^\d+ problems? in file (\S+) of folder/.exec(label);
      if (fileRow) file = fileRow[1]!;
      else if (/^(Error|Warning|Info)/.test(label)) {
        const code = /\b(RL\d{3})\b/.exec(text)?.[1] ?? '?';
        const line = /\[Ln (\d+), Col \d+\]/.exec(text)?.[1] ?? '?';
        out.push(`${file}:${line} ${code}`);
      }
    }
    return out.sort();
  }

  function editorLine(startsWith: string): Locator {
    return page.locator('.monaco-editor .view-lines .view-line', { hasText: startsWith }).first();
  }

  /** A rendered editor line's text (Monaco renders spaces as U+00A0). */
  async function lineText(startsWith: string): Promise<string> {
    return (await editorLine(startsWith).innerText()).replace(/\u00a0/g, ' ');
  }

  beforeAll(async () => {
    installCodeServer();
    packageExtension();
    shots = artifactsDir('vscode');
    workspace = copyExamples();
    server = await startCodeServer(workspace.root, SETTINGS);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(30_000);
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    // The server has indexed the workspace when the status bar counts the routes.
    await page.locator('.statusbar-item', { hasText: /\d+ routes/ }).waitFor({ timeout: 120_000 });
  }, 1_200_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await shot(`failed-${task.name.replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.dispose();
  });

  it('opens the untrusted folder in Restricted Mode with the extension running', async () => {
    expect(await page.locator('.part.statusbar').innerText()).toContain('Restricted Mode');
    expect(await page.locator('.statusbar-item', { hasText: /\d+ routes/ }).innerText()).toMatch(/\d+ routes/);
    await shot('01-restricted-mode');
  });

  it('the Problems panel lists the planted mistakes with our codes and nothing else', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    await command('View: Toggle Maximized Panel');
    await expect.poll(problems, { timeout: 30_000 }).toEqual([...PLANTED].sort());
    const text = await page.locator('.markers-panel').innerText();
    expect(text).toContain('route-lens');
    await shot('02-problems');
    await command('View: Toggle Maximized Panel');
  });

  it('hovering a route path shows the route card', async () => {
    await openFile('items.py', 46, 14);
    await page.locator('.monaco-editor .view-line span span', { hasText: '/featured' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Summary' }).first();
    await hover.waitFor();
    const text = await hover.innerText();
    expect(text).toContain('GET /api/v1/items/featured — app fastapi_shop/shop.main:app');
    expect(text).toContain('handler featured_items');
    expect(text).toContain('GET never reached: GET /api/v1/items/{item_name} takes every such request first');
    expect(text).toContain('Summary: Featured Items');
    expect(text).toContain('operationId: featured_items_api_v1_items_featured_get');
    await shot('03-hover-route-card');
    copyFileSync(path.join(shots, '03-hover-route-card.png'), path.join(REPO, 'docs/screenshot.png'));

    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
    await editorLine('@router.get("/{item_name}")').locator('span span', { hasText: 'item_name' }).first().hover();
    const described = page.locator('.monaco-hover', { hasText: 'Read Item' }).first();
    await described.waitFor();
    const card = await described.innerText();
    expect(card).toContain('Summary: Read Item');
    expect(card).toContain('Read one item.\nInternal: looks the item up in the legacy index, do not document.');
    await shot('04-hover-description');
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
  });

  it('"Route Lens: Match URL…" names the handler and opens it', async () => {
    await command('Route Lens: Match URL…');
    await page.locator('.quick-input-widget', { hasText: 'Match URL — method' }).waitFor();
    await page.locator('.quick-input-widget input').fill('GET');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Match URL — GET' }).waitFor();
    await page.locator('.quick-input-widget input').fill('/api/v1/items/featured');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: 'read_item' }).first();
    await toast.waitFor();
    expect(await toast.innerText()).toContain('200 GET /api/v1/items/{item_name} → read_item(item_name="featured")');
    await shot('05-match-url');
    await toast.getByRole('button', { name: 'Open Handler' }).click();
    await expect.poll(cursorPosition).toMatch(/^40:/);
    expect(await page.locator('.tabs-container .tab.active').innerText()).toContain('items');
  });

  it('the Routes view lists the routes and clicking one opens the handler', async () => {
    await page.keyboard.press('Control+Shift+E');
    const folders = page.locator('.pane-header', { hasText: 'examples' }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Routes' }) });
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const rows = pane.locator('.monaco-list-row');
    await expect.poll(() => rows.allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringContaining('GET /api/v1/users/{user_id}/orders/{order_id}'));
    const labels = await rows.allInnerTexts();
    expect(labels[0]).toContain('fastapi_shop/shop.main:app');
    expect(labels).toContainEqual(expect.stringMatching(/^GET \/api\/v1\/items\/featured\s*featured_items · shadowed/));
    expect(labels).toContainEqual(expect.stringContaining('starlette_blog/blog.app:app'));
    await shot('06-routes-view');
    await rows.filter({ hasText: '/api/v1/users/{user_id}/orders/{order_id}' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'users.py' }).waitFor();
    await expect.poll(cursorPosition).toMatch(/^30:/);
    await shot('07-routes-view-opened');
  });

  it('typing a duplicate path parameter adds a diagnostic; undo removes it', async () => {
    await page.keyboard.press('Control+Shift+M');
    await openFile('items.py', 57, 29);
    await page.keyboard.type('/{item_name}');
    await expect.poll(() => lineText('@router.delete')).toBe('@router.delete("/{item_name}/{item_name}", deprecated=True)');
    await expect.poll(() => page.locator('.markers-panel').innerText(), { timeout: 30_000 }).toContain('Duplicated param name item_name');
    await shot('08-edit-diagnostic');
    await command('View: Toggle Maximized Panel'); // every row rendered (the list is virtual)
    await expect.poll(problems, { timeout: 30_000 }).toEqual([...PLANTED, 'items.py:57 RL001'].sort());
    await command('View: Toggle Maximized Panel');
    await page.keyboard.press('Control+1');
    // Typing made several undo stops (auto-closed braces); undo until the line is back, letting
    // each undo render before reading the line again.
    const original = '@router.delete("/{item_name}", deprecated=True)';
    for (let i = 0; i < 20 && (await lineText('@router.delete')) !== original; i++) {
      await page.keyboard.press('Control+Z');
      await page.waitForTimeout(300);
    }
    await expect.poll(() => lineText('@router.delete'), { timeout: 10_000 }).toBe(original);
    await expect.poll(() => page.locator('.markers-panel').innerText(), { timeout: 30_000 }).not.toContain('Duplicated param name item_name');
    await command('View: Toggle Maximized Panel');
    await expect.poll(problems, { timeout: 30_000 }).toEqual([...PLANTED].sort());
    await command('View: Toggle Maximized Panel');
    await shot('09-undo');
  });
});
