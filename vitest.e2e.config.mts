import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the extension and the server in real editors (Neovim, VS Code via
// code-server + Chromium), not part of `npm test`. One file at a time: each starts an editor.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
