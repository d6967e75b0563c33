// Every answer of the dev router equals the engine's matcher on the same snapshot.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRequest } from '../../shared/routing/matcher';
import type { MatchOutcome } from '../../shared/routing/types';
import { parseRequestTarget } from '../../server/devRouter/requestTarget';
import { positionIn, rawExchange, rawJson, rawStatus, request, serveWorkspace, websocketHandshake, type DevBody, type Running } from './helpers';
import { BLOG_REQUESTS, SHOP_REQUESTS, type ExampleRequest } from './requests';

const EXAMPLES = path.resolve(__dirname, '../../examples');

const STATUS: Record<MatchOutcome['kind'], number> = {
  route: 200,
  'method-not-allowed': 405,
  redirect: 307,
  'not-found': 404,
  'server-error': 500,
  'websocket-close': 403,
  'opaque-app': 200,
};

function expectSameAsMatcher(running: Running, r: ExampleRequest, status: number, headers: Record<string, string | string[] | undefined>, body: DevBody): MatchOutcome {
  const snapshot = running.live.snapshot;
  const app = snapshot.workspace.served[0]!;
  const target = parseRequestTarget(r.target);
  if (!target.ok) throw new Error(target.reason);
  const type = r.type ?? 'http';
  const outcome = matchRequest(app.tree, {
    type,
    method: r.method,
    rawPath: target.rawPath,
    query: target.query,
    host: `127.0.0.1:${running.port}`,
    scheme: type === 'websocket' ? 'ws' : 'http',
    rootPath: app.settings.rootPath,
    server: { host: '127.0.0.1', port: running.port },
  });
  const what = `${type} ${r.method} ${r.target}`;
  expect(status, what).toBe(STATUS[outcome.kind]);
  expect(body.outcome, what).toBe(outcome.kind);
  expect(headers['x-route-lens-outcome'], what).toBe(outcome.kind);
  expect(body.uncertain, what).toEqual(outcome.uncertainBecause);
  switch (outcome.kind) {
    case 'route':
      expect(body.route?.name, what).toBe(outcome.route.name);
      expect(body.route?.fullPath, what).toBe(outcome.fullPath);
      expect(body.route?.position, what).toBe(positionIn(app.tree, outcome.route));
      expect(body.route?.handler?.name, what).toBe(outcome.route.endpoint?.name);
      expect(body.pathParams, what).toEqual(
        Object.fromEntries(Object.entries(outcome.params).map(([k, v]) => [k, { value: v.value, raw: v.raw, type: v.type, convertor: v.convertor }])),
      );
      expect(headers['x-route-lens-route'], what).toBe(`${outcome.route.name} ${outcome.fullPath}`);
      break;
    case 'method-not-allowed':
      expect(body.route?.position, what).toBe(positionIn(app.tree, outcome.route));
      expect(new Set(String(headers['allow']).split(', ')), what).toEqual(new Set(outcome.allow));
      break;
    case 'redirect':
      expect(headers['location'], what).toBe(outcome.location);
      expect(body.location, what).toBe(outcome.location);
      break;
    case 'opaque-app':
      expect(body.mount?.position, what).toBe(positionIn(app.tree, outcome.mount));
      break;
    default:
      break;
  }
  return outcome;
}

for (const [name, dir, requests] of [
  ['fastapi_shop', 'fastapi_shop', SHOP_REQUESTS],
  ['starlette_blog', 'starlette_blog', BLOG_REQUESTS],
] as const) {
  describe(`dev router answers as matchRequest: ${name}`, () => {
    let running: Running;
    beforeAll(async () => {
      running = await serveWorkspace(path.join(EXAMPLES, dir));
    });
    afterAll(async () => running.stop());

    it('serves the example app', () => {
      expect(running.live.snapshot.workspace.served).toHaveLength(1);
    });

    it.each(requests.map((r) => [`${r.type ?? 'http'} ${r.method} ${r.target}`, r] as const))('%s', async (_label, r) => {
      if (r.type === 'websocket') {
        const text = await rawExchange(running.port, websocketHandshake(r.target, running.port));
        const headers = Object.fromEntries(
          text
            .slice(0, text.indexOf('\r\n\r\n'))
            .split('\r\n')
            .slice(1)
            .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        const outcome = expectSameAsMatcher(running, r, rawStatus(text), headers, rawJson(text));
        expect(['route', 'websocket-close']).toContain(outcome.kind);
        return;
      }
      const reply = await request(running.port, r.method, r.target);
      if (r.method === 'HEAD') {
        // No body on HEAD: compare the status and headers only.
        const snapshot = running.live.snapshot;
        const target = parseRequestTarget(r.target);
        if (!target.ok) throw new Error(target.reason);
        const outcome = matchRequest(snapshot.workspace.served[0]!.tree, { type: 'http', method: 'HEAD', rawPath: target.rawPath, query: target.query });
        expect(reply.status).toBe(STATUS[outcome.kind]);
        expect(reply.headers['x-route-lens-outcome']).toBe(outcome.kind);
        return;
      }
      expect(reply.json).not.toBeNull();
      expectSameAsMatcher(running, r, reply.status, reply.headers, reply.json!);
    });
  });
}
