import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeRecordEntry, normalizeRecordMap, type RecordEntry } from '../src/index.js'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The unwrapping rules spelled out as a walk (the function reads the common shapes directly). */
function byTheRules(raw: unknown): RecordEntry | undefined {
  if (!isObject(raw)) return undefined
  let spaceId = typeof raw['spaceId'] === 'string' ? raw['spaceId'] : undefined
  let entry = raw
  while (!('role' in entry) && isObject(entry['value']) && ('role' in entry['value'] || 'value' in entry['value'])) {
    entry = entry['value']
    if (spaceId === undefined && typeof entry['spaceId'] === 'string') spaceId = entry['spaceId']
  }
  const role = typeof entry['role'] === 'string' ? entry['role'] : undefined
  const value = isObject(entry['value']) ? entry['value'] : undefined
  if (role === undefined && value === undefined) {
    if (typeof raw['id'] === 'string') return { role: 'reader', value: raw, ...(spaceId ? { spaceId } : {}) }
    return spaceId ? { role: 'none', spaceId } : undefined
  }
  const result: RecordEntry = { role: role ?? 'reader' }
  if (value !== undefined && result.role !== 'none') result.value = value
  const space = spaceId ?? (value && typeof value['space_id'] === 'string' ? value['space_id'] : undefined)
  if (space) result.spaceId = space
  return result
}

const odd = fc.constantFrom<unknown>(undefined, null, 3, '', 'x', [], ['a'])
const role = fc.oneof(fc.constantFrom('editor', 'reader', 'none'), odd)
const spaceId = fc.oneof(fc.constantFrom('space-1', 'space-2'), odd)
const value = fc.oneof(fc.record({ id: fc.constantFrom('b1', 'b2'), space_id: spaceId }, { requiredKeys: [] }), odd)
/** Flat, nested (once or twice) and broken entries, with any of their keys missing or of the wrong type. */
const entry = fc.letrec<{ entry: unknown }>((tie) => ({
  entry: fc.oneof(
    { depthSize: 'small' },
    fc.record({ role, value, spaceId }, { requiredKeys: [] }),
    fc.record({ spaceId, value: tie('entry') }, { requiredKeys: [] }),
    fc.record({ id: fc.constantFrom('b1', 7), spaceId }, { requiredKeys: [] }),
    odd,
  ),
}))

describe('normalizeRecordEntry', () => {
  it('unwraps every envelope, stub and broken entry as the rules say', () => {
    fc.assert(
      fc.property(entry.entry, (raw) => {
        expect(normalizeRecordEntry(raw)).toEqual(byTheRules(raw))
      }),
      { numRuns: 2_000 },
    )
  })

  it('reads both envelopes of the same record to the same entry', () => {
    const value = { id: 'b1', version: 3, space_id: 'space-1' }
    const flat = normalizeRecordMap({ block: { b1: { role: 'editor', value } } })
    const nested = normalizeRecordMap({ __version__: 3, block: { __version__: 3, b1: { spaceId: 'space-1', value: { role: 'editor', value } } } })
    expect(flat).toEqual(nested)
    expect(nested.block?.['b1']).toEqual({ role: 'editor', value, spaceId: 'space-1' })
    expect(nested.block?.['b1']?.value).toBe(value)
  })
})
