// `route-lens serve`: argument handling, the several-apps refusal, a served request, shutdown.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../server/cli';
import { run } from '../../server/commands/serve';
import { request } from './helpers';

const EXAMPLES = path.resolve(__dirname, '../../examples');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('route-lens serve', () => {
  it('names the served apps and exits 2 when there are several and no --app', async () => {
    const c = capture();
    const code = await main(['serve', EXAMPLES, '--port', '0'], c.io);
    expect(code).toBe(2);
    expect(c.err.join('')).toContain('shop.main:app');
    expect(c.err.join('')).toContain('blog.app:app');
  });

  it('rejects a bad port and a missing directory with exit 2', async () => {
    expect(await main(['serve', EXAMPLES, '--port', 'x'], capture().io)).toBe(2);
    expect(await main(['serve', path.join(EXAMPLES, 'nope')], capture().io)).toBe(2);
  });

  it('serves the app chosen with --app until told to stop', async () => {
    const c = capture();
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    let url = '';
    let listening!: () => void;
    const started = new Promise<void>((r) => (listening = r));
    const done = run([EXAMPLES, '--app', 'blog.app:app', '--port', '0'], c.io, {
      until,
      onListening: (u) => {
        url = u;
        listening();
      },
    });
    await started;
    expect(c.out.join('')).toMatch(/blog\.app:app at http:\/\/127\.0\.0\.1:\d+\//);
    expect(c.out.join('')).toContain('loopback only');
    const port = Number(new URL(url).port);
    const reply = await request(port, 'GET', '/posts/hello-world');
    expect(reply.json?.route?.name).toBe('post_detail');
    expect(reply.json?.pathParams?.slug?.convertor).toBe('slug');
    stop();
    expect(await done).toBe(0);
  });
});
