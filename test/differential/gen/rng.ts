// A small seeded PRNG (mulberry32): the same seed always yields the same cases.
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** The same generator as a plain function, for suites that only need numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/**
 * The seed of a differential suite: ROUTE_LENS_SEED when set (to reproduce a run), else a new
 * random one, so that every CI run tries other cases. Printed so a failure can be replayed.
 */
export function suiteSeed(suite: string): number {
  const seed = process.env.ROUTE_LENS_SEED ? Number(process.env.ROUTE_LENS_SEED) : randomSeed();
  console.log(`${suite} seed: ${seed} (ROUTE_LENS_SEED=${seed} reproduces it)`);
  return seed;
}
