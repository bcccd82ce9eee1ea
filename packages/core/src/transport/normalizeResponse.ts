import { normalizeRecordEntry, normalizeRecordMap, type NormalizedRecordMap, type RecordEntry } from '@notion-rx/protocol'
import { endpointName } from './endpointPolicy.js'

/** The endpoints whose answer is a record map per user id rather than an object with a `recordMap`. */
type AccountMapEndpoint = 'getSpaces' | 'getSpacesInitial'

/**
 * A validated response `T` of endpoint `E` after normalization, typed as what
 * `normalizeResponse` hands back, so callers take record maps as they come (no second pass, no
 * cast): `recordMap` (if any) has one shape, `{[table]: {[id]: {role, value?, spaceId?}}}`,
 * whichever envelope the server used; getRecordValues' `results` are record entries; getSpaces'
 * answer is one normalized record map per user id. `E` defaults to any endpoint name, which
 * types only the `recordMap`.
 */
export type Normalized<T, E extends string = string> = string extends E
  ? WithRecordMap<T>
  : E extends AccountMapEndpoint
    ? Record<string, NormalizedRecordMap>
    : E extends 'getRecordValues'
      ? WithResults<WithRecordMap<T>>
      : WithRecordMap<T>

/** `T` with its `recordMap` normalized (a mapped type, so index signatures and other keys stay). */
type WithRecordMap<T> = T extends { recordMap: unknown } ? { [K in keyof T]: K extends 'recordMap' ? NormalizedRecordMap : T[K] } : T

/** `T` with getRecordValues' positional `results` as record entries. */
type WithResults<T> = T extends { results: unknown } ? { [K in keyof T]: K extends 'results' ? RecordEntry[] : T[K] } : T

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Puts the record maps of a response in the normalized shape (docs/protocol.md#record-envelopes): `recordMap`
 * of any endpoint, getRecordValues' positional `results`, getSpaces' maps keyed by user id.
 * Returns a new object; the parsed data is not changed. This is the only place a response is
 * normalized: the result's type says so, and callers use its record maps as they are.
 */
export function normalizeResponse<T, E extends string>(endpoint: E, data: T): Normalized<T, E> {
  if (!isObject(data)) return data as Normalized<T, E>
  const name = endpointName(endpoint)
  if (name === 'getSpaces' || name === 'getSpacesInitial') {
    // Keyed by the server's user ids: no prototype for one of them to reach.
    const out = Object.create(null) as Record<string, NormalizedRecordMap>
    for (const [userId, recordMap] of Object.entries(data)) out[userId] = normalizeRecordMap(recordMap)
    return out as Normalized<T, E>
  }
  const out: Record<string, unknown> = { ...data }
  if (isObject(data['recordMap'])) out['recordMap'] = normalizeRecordMap(data['recordMap'])
  if (name === 'getRecordValues' && Array.isArray(data['results'])) {
    out['results'] = data['results'].map((entry: unknown) => normalizeRecordEntry(entry) ?? { role: 'none' })
  }
  return out as Normalized<T, E>
}
