// A longer routing campaign: ROUTE_LENS_CASES (default 50000) cases from ROUTE_LENS_SEED
// (default random, printed). Not matched by the normal test include; run it through vitest with
// a config whose test.include is ['test/differential/fuzz.campaign.ts'] (vitest has no --include flag).
import { describe, expect, it } from 'vitest';
import { requireOracle } from '../oracle/oracle';
import { runCampaign } from './campaign';
import { randomSeed } from './gen/rng';

const seed = process.env.ROUTE_LENS_SEED ? Number(process.env.ROUTE_LENS_SEED) : randomSeed();
const cases = Number(process.env.ROUTE_LENS_CASES ?? 50_000);

describe('routing fuzz campaign', () => {
  it(`${cases} cases (seed ${seed})`, () => {
    requireOracle();
    console.log(`routing fuzz seed: ${seed}, cases: ${cases}`);
    const result = runCampaign({ seed, cases, maxReported: 10 });
    for (const d of result.disagreements) console.log(JSON.stringify(d));
    expect({ seed, disagreeing: result.disagreeing, first: result.disagreements[0] }).toEqual({ seed, disagreeing: 0, first: undefined });
  }, 3_600_000);
});
