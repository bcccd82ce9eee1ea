export { RECORD_TABLES, ROLES, isKnownTable } from './tables.js'
export type { KnownTable, RecordTable, Role } from './tables.js'
export {
  RECORD_MAP_VERSION_KEY,
  normalizeRecordEntry,
  normalizeRecordMap,
  toWireEntry,
  toWireRecordMap,
} from './recordMap.js'
export type { Envelope, NormalizedRecordMap, RecordEntry } from './recordMap.js'
// Endpoints
export { recordPointerSchema } from './endpoints/recordPointer.js'
export type { RecordPointer } from './endpoints/recordPointer.js'
export {
  syncRecordRequestSchema,
  syncRecordValuesRequestSchema,
  syncRecordValuesResponseSchema,
  syncRequestPointer,
} from './endpoints/syncRecordValues.js'
export type { SyncRecordRequest, SyncRecordValuesRequest, SyncRecordValuesResponse } from './endpoints/syncRecordValues.js'
export { getRecordValuesRequestSchema, getRecordValuesResponseSchema } from './endpoints/getRecordValues.js'
export type { GetRecordValuesRequest, GetRecordValuesResponse } from './endpoints/getRecordValues.js'
