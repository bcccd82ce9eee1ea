import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Resolve workspace packages to their TypeScript sources (the `source` export condition), not dist/.
const conditions = ['source', ...defaultServerConditions]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
})
