import { defineConfig } from 'vitest/config';

// `npm run fuzz`: the long differential campaigns, not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/differential/*.campaign.ts'],
    testTimeout: 3_600_000,
    pool: 'forks',
  },
});
