import { isKnownTable, type RecordTable, type Role } from './tables.js'

/**
 * One record as the SDK and emulator hold it, after normalization: the requesting user's role,
 * the record's value (absent when the role is `none`) and the space it lives in when known.
 */
export interface RecordEntry<V = Record<string, unknown>> {
  role: Role
  value?: V
  spaceId?: string
}

/** `{ [table]: { [id]: RecordEntry } }`: one shape whatever envelope the wire used. */
export type NormalizedRecordMap = Partial<Record<RecordTable, Record<string, RecordEntry>>>

/** The two envelopes Notion has used for record maps (docs/protocol.md#record-envelopes). */
export type Envelope = 'nested' | 'flat'

/** Marker key Notion puts in nested record maps (and, in some servers, inside each table map). */
export const RECORD_MAP_VERSION_KEY = '__version__'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An entry from its role and value as the wire has them (the space from the value when not given). */
function entryOf(role: string, rawValue: unknown, rawSpaceId: unknown): RecordEntry {
  const value = isObject(rawValue) ? rawValue : undefined
  const normalized: RecordEntry = { role }
  if (value !== undefined && role !== 'none') normalized.value = value
  const spaceId = typeof rawSpaceId === 'string' ? rawSpaceId : value && typeof value['space_id'] === 'string' ? value['space_id'] : undefined
  if (spaceId) normalized.spaceId = spaceId
  return normalized
}

/**
 * Unwraps one wire entry of either envelope:
 * flat `{role, value}`, nested `{spaceId, value: {role, value}}`, or stubs such as `{role: "none"}`
 * and `{spaceId, value: {role: "none"}}`. Returns undefined for things that are not entries.
 */
export function normalizeRecordEntry(raw: unknown): RecordEntry | undefined {
  if (!isObject(raw)) return undefined
  // The two shapes every answer uses, read without a walk: nested {spaceId, value: {role, value}}
  // and flat {role, value}.
  const inner = raw['value']
  if (!('role' in raw) && isObject(inner) && typeof inner['role'] === 'string' && (raw['spaceId'] === undefined || typeof raw['spaceId'] === 'string')) {
    return entryOf(inner['role'], inner['value'], raw['spaceId'] ?? inner['spaceId'])
  }
  if (typeof raw['role'] === 'string') return entryOf(raw['role'], inner, raw['spaceId'])
  let spaceId = typeof raw['spaceId'] === 'string' ? raw['spaceId'] : undefined
  let entry: Record<string, unknown> = raw
  // Nested envelope: the outer object has no role and wraps {role, value}.
  while (!('role' in entry) && isObject(entry['value']) && ('role' in entry['value'] || 'value' in entry['value'])) {
    entry = entry['value']
    if (spaceId === undefined && typeof entry['spaceId'] === 'string') spaceId = entry['spaceId']
  }
  const role = typeof entry['role'] === 'string' ? entry['role'] : undefined
  const value = isObject(entry['value']) ? entry['value'] : undefined
  if (role === undefined && value === undefined) {
    // Some servers trim `role` away (docs/protocol.md#record-envelopes); a bare record value still counts.
    if (typeof raw['id'] === 'string') return { role: 'reader', value: raw, ...(spaceId ? { spaceId } : {}) }
    return spaceId ? { role: 'none', spaceId } : undefined
  }
  const normalized: RecordEntry = { role: role ?? 'reader' }
  if (value !== undefined && normalized.role !== 'none') normalized.value = value
  const valueSpace = value && typeof value['space_id'] === 'string' ? value['space_id'] : undefined
  if (spaceId ?? valueSpace) normalized.spaceId = (spaceId ?? valueSpace) as string
  return normalized
}

/**
 * Gives a record map from the wire (either envelope, with or without `__version__` markers at the
 * top or inside table maps) one shape. Entries that are not objects are skipped, and so are tables
 * outside RECORD_TABLES. The maps have no prototype: ids like `__proto__` are plain keys.
 */
export function normalizeRecordMap(raw: unknown): NormalizedRecordMap {
  const result = Object.create(null) as NormalizedRecordMap
  if (!isObject(raw)) return result
  // Keys rather than Object.entries: no pair array per record (a page load normalizes tens of
  // thousands).
  for (const table of Object.keys(raw)) {
    const records = raw[table]
    // Tables are a closed set: a server (or a man in the middle) naming others gets them ignored.
    if (!isKnownTable(table) || !isObject(records)) continue
    // Ids are the server's strings: a null-prototype map, so `__proto__` is only an id.
    const out = Object.create(null) as Record<string, RecordEntry>
    for (const id of Object.keys(records)) {
      if (id === RECORD_MAP_VERSION_KEY) continue
      const normalized = normalizeRecordEntry(records[id])
      if (normalized) out[id] = normalized
    }
    result[table] = out
  }
  return result
}

/** One entry in the given wire envelope. */
export function toWireEntry(entry: RecordEntry, envelope: Envelope): Record<string, unknown> {
  const inner: Record<string, unknown> = { role: entry.role }
  if (entry.value !== undefined && entry.role !== 'none') inner['value'] = entry.value
  if (envelope === 'flat') return inner
  return entry.spaceId ? { spaceId: entry.spaceId, value: inner } : { value: inner }
}

/** A normalized record map in the given wire envelope (nested adds `__version__: 3`). */
export function toWireRecordMap(map: NormalizedRecordMap, envelope: Envelope): Record<string, unknown> {
  const wire = Object.create(null) as Record<string, unknown>
  if (envelope === 'nested') wire[RECORD_MAP_VERSION_KEY] = 3
  for (const [table, records] of Object.entries(map)) {
    if (!records) continue
    const out = Object.create(null) as Record<string, unknown>
    for (const [id, entry] of Object.entries(records)) out[id] = toWireEntry(entry, envelope)
    wire[table] = out
  }
  return wire
}
