import { describe, expect, it } from 'vitest'
import { RecordStore } from '../src/store/recordStore.js'
import type { RawRecord } from '../src/store/rawRecord.js'
import type { RecordChange } from '../src/store/recordChange.js'
import type { StoredRecord } from '../src/store/snapshot.js'

const raw = (id: string, version: number, extra: Record<string, unknown> = {}): RawRecord => ({
  table: 'block',
  id,
  role: 'editor',
  version,
  json: JSON.stringify({ id, version, type: 'text', alive: true, ...extra }),
})

/** A damaged entry of the file: not JSON. */
const unreadable = (id: string, version: number): RawRecord => ({ table: 'block', id, role: 'editor', version, json: '{not json' })

describe('RecordStore.putRaw (records from the cache file, parsed when read)', () => {
  it('announces each record as a change with origin cache, parsing none until one is read', () => {
    const store = new RecordStore()
    const batches: RecordChange[][] = []
    store.changes$.subscribe((changes) => batches.push(changes))
    store.putRaw([raw('a', 3, { n: 1 }), unreadable('b', 7)])
    expect(batches).toHaveLength(1)
    expect(batches[0]!.map((change) => [change.id, change.origin])).toEqual([['a', 'cache'], ['b', 'cache']])
    // What a version sync sends, and whether the store holds a record, need no parse.
    expect(store.confirmedVersion('block', 'b')).toBe(7)
    expect(store.holds('block', 'b')).toBe(true)
    expect(store.keys().sort()).toEqual(['block:a', 'block:b'])
    // Read: parsed, frozen, and the change's value is the same object.
    const a = store.get('block', 'a')
    expect(a).toMatchObject({ role: 'editor', version: 3, value: { n: 1 } })
    expect(Object.isFrozen(a?.value)).toBe(true)
    expect(batches[0]![0]!.after).toBe(a?.value)
    expect(batches[0]![0]!.changes.length).toBeGreaterThan(0)
    // A damaged entry is no record (the version sync then asks for it whole), never an exception.
    expect(store.get('block', 'b')).toBeUndefined()
    expect(batches[0]![1]!.after).toBeUndefined()
    expect(store.holds('block', 'b')).toBe(false)
  })

  it('tells observers, never replaces what the store holds, and yields to a newer server version', () => {
    const store = new RecordStore()
    const seen: (StoredRecord | undefined)[] = []
    store.select('block', 'a').subscribe((record) => seen.push(record))
    store.dispatch({ type: 'recordsLoaded', records: { block: { held: { role: 'editor', value: { id: 'held', version: 9, n: 'server' } } } }, origin: 'refresh' })
    store.putRaw([raw('a', 2, { n: 'file' }), raw('held', 1, { n: 'file' })])
    expect(seen.map((record) => record?.value?.['n'])).toEqual([undefined, 'file'])
    expect(store.get('block', 'held')?.value?.['n']).toBe('server')
    // An answer of the server with a newer version wins; an older one does not.
    store.putRaw([raw('c', 5, { n: 'file' })])
    store.dispatch({ type: 'recordsLoaded', records: { block: { c: { role: 'editor', value: { id: 'c', version: 4, n: 'older' } } } }, origin: 'refresh' })
    expect(store.get('block', 'c')?.value?.['n']).toBe('file')
    store.putRaw([raw('d', 5, { n: 'file' })])
    store.dispatch({ type: 'recordsLoaded', records: { block: { d: { role: 'editor', value: { id: 'd', version: 6, n: 'newer' } } } }, origin: 'refresh' })
    expect(store.get('block', 'd')?.value?.['n']).toBe('newer')
    expect(store.keys().filter((key) => key === 'block:d')).toHaveLength(1)
  })

  it('puts raw records in the snapshot and under optimistic writes', () => {
    const store = new RecordStore()
    store.putRaw([raw('a', 1, { n: 1 }), raw('b', 1, { n: 2 })])
    expect(store.snapshot.block?.['b']?.value?.['n']).toBe(2)
    store.putRaw([raw('c', 1, { n: 3 })])
    store.dispatch({ type: 'optimisticApplied', layerId: 'l1', operations: [{ pointer: { table: 'block', id: 'c' }, path: ['n'], command: 'set', args: 4 }] })
    expect(store.get('block', 'c')?.value?.['n']).toBe(4)
    expect(store.getConfirmed('block', 'c')?.value?.['n']).toBe(3)
  })
})
