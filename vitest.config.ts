import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Resolve workspace packages to their TypeScript sources, not to dist/.
    conditions: ['source'],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
})
