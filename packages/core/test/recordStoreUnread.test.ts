import type { NormalizedRecordMap, Operation } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { MAX_RECORD_DEPTH } from '../src/store/boundDepth.js'
import type { RecordChange } from '../src/store/recordChange.js'
import { RecordStore } from '../src/store/recordStore.js'
import type { RecordIssue, RecordValue } from '../src/store/snapshot.js'

const block = (id: string, version: number, extra: Record<string, unknown> = {}): RecordValue => ({ id, version, type: 'text', alive: true, ...extra })

/** A response's record map, fresh objects each call (as JSON.parse makes them). */
function loaded(...values: RecordValue[]): NormalizedRecordMap {
  return { block: Object.fromEntries(values.map((value) => [value['id'] as string, { role: 'editor' as const, value }])) }
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = { down: value }
  return value
}

const setTitle = (id: string, text: string): Operation => ({ pointer: { table: 'block', id }, path: ['properties', 'title'], command: 'set', args: [[text]] })

describe('RecordStore: server records nobody has read are taken in when first read', () => {
  it('holds a loaded record as it came, announces it, and freezes it (the same object) on first read', () => {
    const store = new RecordStore()
    const batches: RecordChange[][] = []
    store.changes$.subscribe((changes) => batches.push(changes))
    const value = block('a', 3, { properties: { title: [['A']] } })
    store.dispatch({ type: 'recordsLoaded', records: loaded(value), origin: 'refresh' })
    // Held, versioned and announced, but not frozen yet: nobody has read it.
    expect(store.holds('block', 'a')).toBe(true)
    expect(store.confirmedVersion('block', 'a')).toBe(3)
    expect(store.keys()).toEqual(['block:a'])
    expect(Object.isFrozen(value)).toBe(false)
    expect(batches).toHaveLength(1)
    expect(batches[0]!.map((change) => [change.id, change.origin])).toEqual([['a', 'refresh']])
    const record = store.get('block', 'a')
    expect(record).toMatchObject({ role: 'editor', version: 3, value: { properties: { title: [['A']] } } })
    expect(record!.value).toBe(value)
    expect(Object.isFrozen(value)).toBe(true)
    expect(Object.isFrozen((value['properties'] as Record<string, unknown>)['title'])).toBe(true)
    expect(batches[0]![0]!.after).toBe(value)
    expect(batches[0]![0]!.changes.map((change) => change.kind)).toContain('changed_value')
  })

  it('takes an observed record in at once, and tells its observers', () => {
    const store = new RecordStore()
    const seen: unknown[] = []
    store.select('block', 'a').subscribe((record) => seen.push(record?.value?.['version']))
    const value = block('a', 1)
    store.dispatch({ type: 'recordsLoaded', records: loaded(value), origin: 'remote' })
    expect(Object.isFrozen(value)).toBe(true)
    expect(seen).toEqual([undefined, 1])
  })

  it('compares versions with an unread record: an older answer is ignored, a newer one replaces it', () => {
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', records: loaded(block('a', 2, { n: 2 })), origin: 'refresh' })
    store.dispatch({ type: 'recordsLoaded', records: loaded(block('a', 1, { n: 1 })), origin: 'refresh' })
    expect(store.get('block', 'a')?.value?.['n']).toBe(2)
    store.dispatch({ type: 'recordsLoaded', records: loaded(block('a', 5, { n: 5 })), origin: 'refresh' })
    expect(store.get('block', 'a')).toMatchObject({ version: 5, value: { n: 5 } })
  })

  it('cuts and reports a value nested too deep when it is read; the change shows the cut value', async () => {
    const store = new RecordStore()
    const issues: RecordIssue[] = []
    store.issues$.subscribe((issue) => issues.push(issue))
    const changes: RecordChange[] = []
    store.changes$.subscribe((batch) => changes.push(...batch))
    store.dispatch({ type: 'recordsLoaded', records: loaded(block('deep', 1, { format: nested(MAX_RECORD_DEPTH + 20) })), origin: 'refresh' })
    const record = store.get('block', 'deep')!
    expect(record.truncatedAt).toHaveLength(MAX_RECORD_DEPTH)
    expect(changes[0]!.after).toBe(record.value)
    await Promise.resolve()
    expect(issues.map((issue) => [issue.id, issue.kind])).toEqual([['deep', 'too_deep']])
  })

  it("applies a local write on top of an unread record, and a change read after eviction is still frozen", () => {
    const store = new RecordStore()
    const changes: RecordChange[] = []
    store.changes$.subscribe((batch) => changes.push(...batch))
    store.dispatch({ type: 'recordsLoaded', records: loaded(block('a', 1), block('b', 1, { n: 1 })), origin: 'refresh' })
    store.dispatch({ type: 'optimisticApplied', layerId: 't1', operations: [setTitle('a', 'Edited')] })
    expect(store.get('block', 'a')).toMatchObject({ version: 1, value: { id: 'a', properties: { title: [['Edited']] } } })
    expect(store.getConfirmed('block', 'a')?.value?.['properties']).toBeUndefined()
    store.dispatch({ type: 'recordsEvicted', keys: ['block:b'] })
    expect(store.holds('block', 'b')).toBe(false)
    const late = changes.find((change) => change.id === 'b')!.after!
    expect(late['n']).toBe(1)
    expect(Object.isFrozen(late)).toBe(true)
  })

  it('the held record is its own change: the unfrozen value stays out of reach, its origin is the load\'s', () => {
    const store = new RecordStore()
    const value = block('a', 4, { properties: { title: [['A']] } })
    const [change] = store.dispatch({ type: 'recordsLoaded', records: loaded(value), origin: 'cache' })
    // Nothing on the change leads to the value before it is taken in (a reader could change it).
    expect(Object.values(change!).includes(value)).toBe(false)
    expect(Object.isFrozen(value)).toBe(false)
    expect(change!.origin).toBe('cache')
    expect(change!.before).toBeUndefined()
    expect(JSON.parse(JSON.stringify(change))).toEqual({
      table: 'block',
      id: 'a',
      origin: 'cache',
      after: { id: 'a', version: 4, type: 'text', alive: true, properties: { title: [['A']] } },
      changes: [expect.objectContaining({ kind: 'changed_value', path: [] })],
    })
    // Reading `after` took the record in: the store holds the same, now frozen, object.
    expect(store.get('block', 'a')?.value).toBe(value)
    expect(Object.isFrozen(value)).toBe(true)
  })

  it("a change whose record a newer version replaced first still shows the value it arrived with, frozen", () => {
    const store = new RecordStore()
    const [first] = store.dispatch({ type: 'recordsLoaded', records: loaded(block('a', 1, { n: 1 })), origin: 'refresh' })
    store.dispatch({ type: 'recordsLoaded', records: loaded(block('a', 2, { n: 2 })), origin: 'remote' })
    expect(store.get('block', 'a')?.value?.['n']).toBe(2)
    expect(first!.after).toMatchObject({ n: 1 })
    expect(Object.isFrozen(first!.after)).toBe(true)
    expect(first!.after).toBe(first!.after)
  })
})
