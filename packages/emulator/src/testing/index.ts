// @notion-rx/emulator/testing: helpers for tests that run against the emulator (vitest: each
// emulator is closed after the test that started it).
export { testEmulator, post } from './testEmulator.js'
export type { ApiResponse } from './testEmulator.js'
export { readRecord } from './readRecord.js'
export { submit } from './submit.js'
export { numberedId, projectsAndTasksIds, relationCell, seedDatabases } from './relatedDatabases.js'
export type { SeedDatabase, SeedRow } from './relatedDatabases.js'
