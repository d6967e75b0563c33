// Load on the dev router with autocannon (a separate process from the server under test).
// usage: node bench/loadDevRouter.mjs URL PATHS.json CONNECTIONS SECONDS -> JSON on stdout
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

const [url, pathsFile, connections, seconds] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(pathsFile, 'utf8'));
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  requests: paths.map((p) => ({ method: p.method, path: p.path })),
});
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
  }),
);
