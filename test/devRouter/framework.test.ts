// The dev router answers the example apps' requests as the real framework does: Debian's
// Starlette 0.26.1 / FastAPI 0.92.0 answering the same requests through its TestClient
// (test/oracle/ops_testclient.py; endpoints replaced by recorders, so no endpoint runs).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOracle, runOracle } from '../oracle/oracle';
import { rawExchange, rawJson, rawStatus, request, serveWorkspace, websocketHandshake, type DevBody, type Running } from './helpers';
import { BLOG_REQUESTS, SHOP_REQUESTS, type ExampleRequest } from './requests';

const EXAMPLES = path.resolve(__dirname, '../../examples');

interface FrameworkAnswer {
  status: number | null;
  location: string | null;
  allow: string[] | null;
  handler: { index: string; name: string | null } | null;
}

interface DevAnswer {
  status: number;
  location?: string;
  allow?: string;
  body: DevBody;
}

/** Location without scheme and authority (the TestClient's host is not the dev router's). */
function pathOfLocation(location: string | null | undefined): string | null {
  if (!location) return null;
  return location.replace(/^[a-z]+:\/\/[^/]*/, '');
}

const APPS = [
  { name: 'fastapi_shop', module: 'shop.main', variable: 'app', requests: SHOP_REQUESTS },
  { name: 'starlette_blog', module: 'blog.app', variable: 'app', requests: BLOG_REQUESTS },
] as const;

describe('dev router equals the real framework on the examples', () => {
  const framework = new Map<string, FrameworkAnswer[]>();

  beforeAll(() => {
    requireOracle();
    const results = runOracle<FrameworkAnswer[]>(
      APPS.map((a) => ({
        op: 'testclient',
        root: path.join(EXAMPLES, a.name),
        module: a.module,
        variable: a.variable,
        requests: a.requests.map((r) => ({ method: r.method, target: r.target, type: r.type ?? 'http' })),
      })),
    );
    results.forEach((r, i) => {
      if (!('ok' in r)) throw new Error(`oracle failed for ${APPS[i]!.name}: ${JSON.stringify(r.error)}`);
      framework.set(APPS[i]!.name, r.ok);
    });
  });

  for (const a of APPS) {
    describe(a.name, () => {
      let running: Running;
      beforeAll(async () => {
        running = await serveWorkspace(path.join(EXAMPLES, a.name));
      });
      afterAll(async () => running.stop());

      it.each(a.requests.map((r, i) => [`${r.type ?? 'http'} ${r.method} ${r.target}`, r, i] as const))('%s', async (_label, r: ExampleRequest, i: number) => {
        const expected = framework.get(a.name)![i]!;
        let ours: DevAnswer;
        if (r.type === 'websocket') {
          const text = await rawExchange(running.port, websocketHandshake(r.target, running.port));
          ours = { status: rawStatus(text), body: rawJson(text) };
        } else {
          // HEAD answers carry no body: ask with the same method through /_route_lens/match too.
          const reply = await request(running.port, r.method, r.target);
          let body = reply.json;
          if (r.method === 'HEAD') {
            const m = await request(running.port, 'GET', `/_route_lens/match?method=HEAD&url=${encodeURIComponent(r.target)}`);
            body = (m.json as unknown as { body: DevBody }).body;
          }
          ours = { status: reply.status, location: reply.headers.location, allow: reply.headers.allow, body: body! };
        }
        if (expected.handler) {
          // A route (or an opaque mounted app) would have run.
          expect(ours.status).toBe(200);
          const position = ours.body.route?.position ?? ours.body.mount?.position;
          expect(position).toBe(expected.handler.index);
          expect(ours.body.route?.name ?? ours.body.mount?.name).toBe(expected.handler.name);
          return;
        }
        if (r.type === 'websocket') {
          expect(ours.body.outcome).toBe('websocket-close');
          return;
        }
        expect(ours.status).toBe(expected.status);
        expect(pathOfLocation(ours.location)).toBe(pathOfLocation(expected.location));
        expect(ours.allow ? ours.allow.split(', ').sort() : null).toEqual(expected.allow);
      });
    });
  }
});
