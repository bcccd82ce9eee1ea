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
