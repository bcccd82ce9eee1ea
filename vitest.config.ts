import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources, not dist/ (as tsconfig.json's `paths`).
const packages = fileURLToPath(new URL('./packages/', import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@notion-rx\/core\/advanced$/, replacement: `${packages}core/src/advanced.ts` },
      { find: /^@notion-rx\/emulator\/testing$/, replacement: `${packages}emulator/src/testing/index.ts` },
      { find: /^@notion-rx\/([a-z]+)$/, replacement: `${packages}$1/src/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
})
