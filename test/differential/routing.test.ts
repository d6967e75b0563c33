// Differential test of the routing engine against the real Starlette 0.26.1 / FastAPI 0.92.0.
// Seed: ROUTE_LENS_SEED, else random (printed); the same seed reproduces the same cases.
import { describe, expect, it } from 'vitest';
import { requireOracle } from '../oracle/oracle';
import { runCampaign } from './campaign';
import { randomSeed } from './gen/rng';

const seed = process.env.ROUTE_LENS_SEED ? Number(process.env.ROUTE_LENS_SEED) : randomSeed();

describe('routing agrees with Starlette/FastAPI', () => {
  it(`≥ 6000 generated cases (seed ${seed})`, () => {
    requireOracle();
    console.log(`routing differential seed: ${seed} (set ROUTE_LENS_SEED=${seed} to reproduce)`);
    const result = runCampaign({ seed, cases: 6200 });
    expect(result.compileCases + result.matchCases).toBeGreaterThanOrEqual(6000);
    for (const d of result.disagreements) console.log(JSON.stringify(d));
    expect({ seed, disagreeing: result.disagreeing, first: result.disagreements[0] }).toEqual({ seed, disagreeing: 0, first: undefined });
  }, 120_000);
});
