import { normalizeRecordEntry, normalizeRecordMap, type NormalizedRecordMap } from '@notion-rx/protocol'
import { endpointName } from './endpointPolicy.js'

/**
 * A validated response after normalization: its `recordMap` (if any) has one shape,
 * `{[table]: {[id]: {role, value?, spaceId?}}}`, whichever envelope the server used.
 */
export type Normalized<T> = T extends { recordMap: unknown } ? T & { recordMap: NormalizedRecordMap } : T

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Puts the record maps of a response in the normalized shape (docs/protocol.md#record-envelopes): `recordMap`
 * of any endpoint, getRecordValues' positional `results`, getSpaces' maps keyed by user id.
 * Returns a new object; the parsed data is not changed.
 */
export function normalizeResponse<T>(endpoint: string, data: T): Normalized<T> {
  if (!isObject(data)) return data as Normalized<T>
  const name = endpointName(endpoint)
  if (name === 'getSpaces' || name === 'getSpacesInitial') {
    // Keyed by the server's user ids: no prototype for one of them to reach.
    const out = Object.create(null) as Record<string, unknown>
    for (const [userId, recordMap] of Object.entries(data)) out[userId] = normalizeRecordMap(recordMap)
    return out as Normalized<T>
  }
  const out: Record<string, unknown> = { ...data }
  if (isObject(data['recordMap'])) out['recordMap'] = normalizeRecordMap(data['recordMap'])
  if (name === 'getRecordValues' && Array.isArray(data['results'])) {
    out['results'] = data['results'].map((entry: unknown) => normalizeRecordEntry(entry) ?? { role: 'none' })
  }
  return out as Normalized<T>
}
