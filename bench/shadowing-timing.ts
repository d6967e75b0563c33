// Times findShadowedRoutes on generated route tables of 1k, 5k and 10k routes (not a test).
// Run: npx esbuild bench/shadowing-timing.ts --bundle --platform=node --log-level=warning --outfile=/tmp/shadowing-timing.js && node /tmp/shadowing-timing.js
import { findShadowedRoutes } from '../shared/analysis/shadowing';
import { builtinConvertors } from '../shared/routing/convertors';
import type { RouterTree, TableNode } from '../shared/routing/types';
import { ORACLE_VERSIONS } from '../shared/versions';

type Shape = 'crud' | 'mixed';

/** A REST-like table: per resource a CRUD block; "mixed" adds leading-param routes, catch-alls, mounts and duplicates. */
function table(size: number, shape: Shape): RouterTree {
  const routes: TableNode[] = [];
  const add = (path: string, methods: string[] | null, kind: 'route' | 'mount' = 'route'): void => {
    const index = routes.length;
    if (kind === 'mount') routes.push({ kind: 'mount', index, path, name: null, target: { kind: 'opaque', label: 'x', reason: 'bench' }, chain: [] });
    else routes.push({ kind: 'route', index, flavor: 'api', path, methods, name: `r${index}`, endpoint: null, chain: [] });
  };
  for (let k = 0; routes.length < size; k++) {
    const base = `/res${k}`;
    add(base, ['GET']);
    add(base, ['POST']);
    add(`${base}/{id:int}`, ['GET']);
    add(`${base}/{id:int}`, ['PUT']);
    add(`${base}/{id}`, ['DELETE']);
    add(`${base}/{id}/items`, ['GET']);
    add(`${base}/{id}/items/{item_id:uuid}`, ['GET']);
    add(`${base}/search`, ['GET']);
    add(`${base}/me`, ['GET']);
    if (shape === 'mixed') {
      add(`/{lang}${base}/{slug}`, ['GET']);
      add(`${base}/files/{p:path}`, ['GET']);
      add(`${base}/files/readme`, ['GET']); // shadowed
      if (k % 10 === 0) add(`/static${k}`, null, 'mount');
      if (k % 7 === 0) add(`${base}/{id}`, ['DELETE']); // duplicate
    } else add(`${base}/{id}/items/{n:int}/tags`, ['GET']);
  }
  routes.length = size;
  return { kind: 'router', label: 'bench', redirectSlashes: true, routes, convertors: builtinConvertors(ORACLE_VERSIONS.starlette) };
}

// `node /tmp/shadowing-timing.js mixed 10000` times one table in a fresh process (cold caches).
const [shapeArg, sizeArg] = process.argv.slice(2);
const shapes: Shape[] = shapeArg ? [shapeArg as Shape] : ['crud', 'mixed'];
const sizes = sizeArg ? [Number(sizeArg)] : [1000, 5000, 10000];
for (const shape of shapes) {
  for (const size of sizes) {
    const tree = table(size, shape);
    // CPU time as well as wall time: the machine is shared, wall time alone is noisy.
    const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const findings = findShadowedRoutes(tree);
    const coldCpu = cpuMs(process.cpuUsage(c0));
    const cold = performance.now() - t0;
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    findShadowedRoutes(tree);
    const warmCpu = cpuMs(process.cpuUsage(c1));
    const warm = performance.now() - t1;
    const ms = (n: number): string => `${n.toFixed(0).padStart(5)} ms`;
    console.log(
      `${shape.padEnd(5)} ${String(size).padStart(6)} routes: cold ${ms(cold)} wall /${ms(coldCpu)} cpu, warm ${ms(warm)} wall /${ms(warmCpu)} cpu, ${findings.length} findings`,
    );
  }
}
