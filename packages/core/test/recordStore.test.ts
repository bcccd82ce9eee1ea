import type { NormalizedRecordMap, Operation } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { RecordStore } from '../src/store/recordStore.js'
import type { RecordChange } from '../src/store/recordChange.js'
import type { StoredRecord } from '../src/store/snapshot.js'

function block(id: string, version: number, extra: Record<string, unknown> = {}): NormalizedRecordMap {
  return { block: { [id]: { role: 'editor', value: { id, version, type: 'text', alive: true, ...extra } } } }
}

function setTitle(id: string, text: string): Operation {
  return { pointer: { table: 'block', id }, path: ['properties', 'title'], command: 'set', args: [[text]] }
}

function record(store: RecordStore, id: string): StoredRecord | undefined {
  return store.get('block', id)
}

describe('RecordStore', () => {
  it('merges by version: an older or equal version never replaces a newer one', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: block('a', 5, { n: 5 }), origin: 'refresh' })
    store.dispatch({ type: 'recordsLoaded', records: block('a', 4, { n: 4 }), origin: 'refresh' })
    store.dispatch({ type: 'recordsLoaded', records: block('a', 5, { n: 'other' }), origin: 'refresh' })
    expect(record(store, 'a')?.value?.['n']).toBe(5)
    store.dispatch({ type: 'recordsLoaded', records: block('a', 6, { n: 6 }), origin: 'remote' })
    expect(record(store, 'a')).toMatchObject({ version: 6, role: 'editor', value: { n: 6 } })
  })

  it('emits to a record observer only when that record changed, by reference', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: { ...block('a', 1), ...{} }, origin: 'refresh' })
    store.dispatch({ type: 'recordsLoaded', records: block('b', 1), origin: 'refresh' })
    const seen: (StoredRecord | undefined)[] = []
    const subscription = store.select('block', 'a').subscribe((r) => seen.push(r))
    store.dispatch({ type: 'recordsLoaded', records: block('b', 2, { x: 1 }), origin: 'remote' })
    expect(seen).toHaveLength(1)
    store.dispatch({ type: 'recordsLoaded', records: block('a', 2, { x: 1 }), origin: 'remote' })
    expect(seen).toHaveLength(2)
    expect(seen[1]?.value?.['x']).toBe(1)
    subscription.unsubscribe()
    store.dispatch({ type: 'recordsLoaded', records: block('a', 3, { x: 2 }), origin: 'remote' })
    expect(seen).toHaveLength(2)
  })

  it('keeps references for structurally equal values, so value selectors do not re-emit', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: block('a', 1, { properties: { title: [['Hi']] } }), origin: 'refresh' })
    const titles: unknown[] = []
    store.selectValue('block', 'a', (r) => r?.value?.['properties']).subscribe((t) => titles.push(t))
    store.dispatch({ type: 'recordsLoaded', records: block('a', 2, { properties: { title: [['Hi']] } }), origin: 'remote' })
    expect(titles).toHaveLength(1)
    expect(record(store, 'a')?.version).toBe(2)
  })

  it('applies optimistic layers at once, squashes them on commit and bumps the version', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: block('a', 3), origin: 'refresh' })
    const changes = store.dispatch({ type: 'optimisticApplied', layerId: 't1', operations: [setTitle('a', 'New')] })
    expect(record(store, 'a')?.value?.['properties']).toEqual({ title: [['New']] })
    expect(record(store, 'a')?.version).toBe(3)
    expect(changes).toMatchObject([{ table: 'block', id: 'a', origin: 'local', changes: [{ kind: 'prop_changed', path: ['properties', 'title'] }] }])
    const before = record(store, 'a')
    store.dispatch({ type: 'txCommitted', layerId: 't1' })
    expect(record(store, 'a')?.value).toBe(before?.value)
    expect(record(store, 'a')?.version).toBe(4)
    expect(store.getConfirmed('block', 'a')?.value?.['properties']).toEqual({ title: [['New']] })
    expect(store.hasPendingLayers()).toBe(false)
  })

  it('rolls a rejected layer back while keeping later layers', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: block('a', 1, { properties: { title: [['Old']] } }), origin: 'refresh' })
    const seen: unknown[] = []
    store.selectValue('block', 'a', (r) => r?.value?.['properties']).subscribe((p) => seen.push(p))
    store.dispatch({ type: 'optimisticApplied', layerId: 't1', operations: [setTitle('a', 'First')] })
    store.dispatch({ type: 'optimisticApplied', layerId: 't2', operations: [{ pointer: { table: 'block', id: 'a' }, path: ['format'], command: 'update', args: { block_color: 'red' } }] })
    store.dispatch({ type: 'txRejected', layerId: 't1' })
    expect(record(store, 'a')?.value?.['properties']).toEqual({ title: [['Old']] })
    expect(record(store, 'a')?.value?.['format']).toEqual({ block_color: 'red' })
    expect(seen).toEqual([{ title: [['Old']] }, { title: [['First']] }, { title: [['Old']] }])
  })

  it('a server update under a pending layer keeps the layer on top', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: block('a', 1, { n: 1 }), origin: 'refresh' })
    store.dispatch({ type: 'optimisticApplied', layerId: 't1', operations: [setTitle('a', 'Mine')] })
    store.dispatch({ type: 'recordsLoaded', records: block('a', 2, { n: 2 }), origin: 'remote' })
    expect(record(store, 'a')?.value).toMatchObject({ n: 2, properties: { title: [['Mine']] } })
  })

  it('publishes one snapshot and one changes$ batch per batch()', () => {
    const store = new RecordStore()
    const snapshots: unknown[] = []
    const batches: RecordChange[][] = []
    store.snapshot$.subscribe((s) => snapshots.push(s))
    store.changes$.subscribe((c) => batches.push(c))
    store.batch(() => {
      store.dispatch({ type: 'recordsLoaded', records: block('a', 1), origin: 'refresh' })
      store.dispatch({ type: 'recordsLoaded', records: block('b', 1), origin: 'refresh' })
    })
    expect(batches).toHaveLength(1)
    expect(batches[0]?.map((c) => c.id)).toEqual(['a', 'b'])
    expect(Object.isFrozen(store.snapshot)).toBe(true)
    expect(Object.isFrozen(store.get('block', 'a')?.value)).toBe(true)
  })

  it('reports content, row and field change kinds', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: block('p', 1, { content: ['x', 'y'] }), origin: 'refresh' })
    const [added] = store.dispatch({ type: 'recordsLoaded', records: block('p', 2, { content: ['x', 'y', 'z'] }), origin: 'remote' })
    expect(added?.changes).toMatchObject([{ kind: 'content_added', ids: ['z'] }])
    const [reordered] = store.dispatch({ type: 'recordsLoaded', records: block('p', 3, { content: ['z', 'x', 'y'] }), origin: 'remote' })
    expect(reordered?.changes).toMatchObject([{ kind: 'content_reordered' }])
    const [row] = store.dispatch({ type: 'recordsLoaded', records: block('r', 1, { parent_table: 'collection', parent_id: 'c' }), origin: 'remote' })
    expect(row?.changes.map((c) => c.kind)).toEqual(['row_added', 'changed_value'])
  })

  it('announces the first and last observer of a record', () => {
    const store = new RecordStore()
    const events: string[] = []
    store.observation$.subscribe((e) => events.push(`${e.key}:${e.observed}`))
    const one = store.select('block', 'a').subscribe()
    const two = store.select('block', 'a').subscribe()
    one.unsubscribe()
    two.unsubscribe()
    expect(events).toEqual(['block:a:true', 'block:a:false'])
  })

  it('evicts unobserved records only', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: { block: { ...block('a', 1).block, ...block('b', 1).block } }, origin: 'refresh' })
    const sub = store.select('block', 'a').subscribe()
    store.dispatch({ type: 'recordsEvicted', keys: ['block:a', 'block:b'] })
    expect(store.get('block', 'a')).toBeDefined()
    expect(store.get('block', 'b')).toBeUndefined()
    sub.unsubscribe()
  })
})

describe('RecordStore: freezing what it takes in', () => {
  const everyObject = (value: unknown): object[] =>
    typeof value === 'object' && value !== null ? [value, ...Object.values(value).flatMap(everyObject)] : []

  it('freezes a new record at every level, in place (no copy of what the response holds)', () => {
    const store = new RecordStore()
    const value = { id: 'a', version: 1, type: 'text', content: ['x'], properties: { title: [['Hi', [['b']]]] } }
    store.dispatch({ type: 'recordsLoaded', records: { block: { a: { role: 'editor', value } } }, origin: 'refresh' })
    const stored = record(store, 'a')!
    expect(stored.value).toBe(value)
    expect(Object.isFrozen(stored)).toBe(true)
    expect(everyObject(stored.value).every((object) => Object.isFrozen(object))).toBe(true)
    expect(everyObject(stored.value)).toHaveLength(7)
  })

  it('a newer version shares its unchanged branches with the held one, and its new branches are frozen too', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: block('a', 1, { content: ['x'], format: { a: { b: 1 } }, properties: { title: [['Hi']] } }), origin: 'refresh' })
    const before = record(store, 'a')!.value!
    const [change] = store.dispatch({ type: 'recordsLoaded', records: block('a', 2, { content: ['x'], format: { a: { b: 2 } }, properties: { title: [['Hi']] } }), origin: 'remote' })
    const after = record(store, 'a')!.value!
    expect(after['content']).toBe(before['content'])
    expect(after['properties']).toBe(before['properties'])
    expect(after['format']).not.toBe(before['format'])
    expect(everyObject(after).every((object) => Object.isFrozen(object))).toBe(true)
    expect(change?.changes).toMatchObject([{ kind: 'changed_field', path: ['format', 'a'], before: { b: 1 }, after: { b: 2 } }])
  })

  it('each record of a response is one change of its origin, in one changes$ batch', () => {
    const store = new RecordStore()
    const batches: RecordChange[][] = []
    store.changes$.subscribe((changes) => batches.push(changes))
    const records: NormalizedRecordMap = { block: {}, space: { s: { role: 'reader', value: { id: 's', version: 1 } } } }
    for (let i = 0; i < 50; i++) records.block![`b${i}`] = { role: 'editor', value: { id: `b${i}`, version: 1 } }
    const changes = store.dispatch({ type: 'recordsLoaded', records, origin: 'refresh' })
    expect(changes).toHaveLength(51)
    expect(batches).toEqual([changes])
    expect(changes.every((change) => change.origin === 'refresh' && change.before === undefined && change.changes[0]?.kind === 'changed_value')).toBe(true)
  })
})
