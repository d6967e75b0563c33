// npm run fuzz -- --cases N --seed S: a longer differential campaign against the real frameworks.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const env = { ...process.env };
for (let i = 0; i < args.length; i++) {
  const [name, inline] = args[i].split('=');
  const value = inline ?? args[++i];
  if (name === '--cases') env.ROUTE_LENS_CASES = value;
  else if (name === '--seed') env.ROUTE_LENS_SEED = value;
  else {
    console.error(`usage: npm run fuzz -- [--cases N] [--seed S]   (unknown: ${args[i]})`);
    process.exit(2);
  }
}
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.fuzz.config.mts'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
