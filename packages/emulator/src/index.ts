/**
 * A local emulator of Notion's internal v3 API: a real HTTP server on SQLite with users, permissions,
 * transactions, queries, search, files, a message store and fault injection. Start with {@link startEmulator}.
 * @module @notion-rx/emulator
 */
export { startEmulator } from './startEmulator.js'
export type { Emulator, EmulatorOptions } from './startEmulator.js'
export type { CreatedUser, CreateUserOptions } from './access/accounts.js'
export type { FaultOptions } from './faults.js'
export type { SeedOption } from './seed/seed.js'
export { UPLOAD_MODES } from './files/uploadMode.js'
export type { UploadMode } from './files/uploadMode.js'
export type { DemoWorkspace } from './seed/demoWorkspace.js'
export { importRecordMap } from './seed/importRecordMap.js'
export { importRecordValues } from './seed/importRecordValues.js'
export type { ImportOptions, ImportSummary, SkippedRecord } from './seed/recordImporter.js'
