// Both entry points of @notion-rx/core as one namespace, for tests that check a name is public
// whichever entry carries it (publicApi.test.ts pins which one).
export * from '../../src/index.js'
export * from '../../src/advanced.js'
