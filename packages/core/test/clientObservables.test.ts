import { isDeepStrictEqual } from 'node:util'
import type { NormalizedRecordMap, Operation } from '@notion-rx/protocol'
import fc from 'fast-check'
import { TestScheduler } from 'rxjs/testing'
import { describe, expect, it } from 'vitest'
import { RecordStore, type StoreAction } from '../src/store/recordStore.js'
import type { RecordChange } from '../src/store/recordChange.js'

const IDS = ['a', 'b'] as const
type Id = (typeof IDS)[number]

function loaded(id: string, version: number, title: string): NormalizedRecordMap {
  return { block: { [id]: { role: 'editor', value: { id, version, type: 'text', alive: true, properties: { title: [[title]] } } } } }
}

function setTitle(id: string, title: string): Operation {
  return { pointer: { table: 'block', id, spaceId: 's' }, path: ['properties', 'title'], command: 'set', args: [[title]] }
}

const titleOf = (value: Readonly<Record<string, unknown>> | undefined): string | undefined =>
  (value?.['properties'] as { title?: [[string]] } | undefined)?.title?.[0]?.[0]

describe('store observables', () => {
  it('emit in order, once per change (marbles: write, same value, commit, server update, reject)', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
    scheduler.run(({ cold, expectObservable }) => {
      const store = new RecordStore()
      store.dispatch({ type: 'recordsLoaded', records: loaded('a', 1, 'A0'), origin: 'refresh' })
      const actions: Record<string, StoreAction> = {
        w: { type: 'optimisticApplied', layerId: 'L1', operations: [setTitle('a', 'A1')] },
        s: { type: 'optimisticApplied', layerId: 'L2', operations: [setTitle('a', 'A1')] }, // same value: no emission
        o: { type: 'optimisticApplied', layerId: 'L3', operations: [setTitle('b', 'B1')] }, // another record: no emission
        c: { type: 'txCommitted', layerId: 'L1' }, // value unchanged (L2 still says A1): no emission
        r: { type: 'recordsLoaded', records: loaded('a', 5, 'A5'), origin: 'remote' }, // under L2: still A1
        x: { type: 'txRejected', layerId: 'L2' }, // now the server's A5 shows
        y: { type: 'txRejected', layerId: 'L3' },
      }
      cold('-w-s-o-c-r-x-y|', actions).subscribe((action) => store.dispatch(action))
      const title$ = store.selectValue('block', 'a', (record) => titleOf(record?.value))
      expectObservable(title$, '^--------------!').toBe('aw---------x', { a: 'A0', w: 'A1', x: 'A5' })
      const value$ = store.selectValue('block', 'a', (record) => record?.value)
      // The whole value: unchanged by the same-value write and by the commit; the server update
      // shows under the pending layer (its version, not its title).
      expectObservable(value$, '^--------------!').toBe('aw-------r-x', {
        a: expect.objectContaining({ properties: { title: [['A0']] } }),
        w: expect.objectContaining({ properties: { title: [['A1']] } }),
        r: expect.objectContaining({ version: 5, properties: { title: [['A1']] } }),
        x: expect.objectContaining({ version: 5, properties: { title: [['A5']] } }),
      })
    })
  })

  it('model test: random write / commit / reject / server-update sequences never emit without a change, and end consistent', () => {
    type Command =
      | { kind: 'write'; ops: { id: Id; title: string }[] }
      | { kind: 'commit' }
      | { kind: 'reject'; index: number }
      | { kind: 'server'; id: Id; title: string }
    const title = fc.constantFrom('x', 'y', 'z')
    const id = fc.constantFrom(...IDS)
    const command: fc.Arbitrary<Command> = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), ops: fc.array(fc.record({ id, title }), { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('commit' as const) }),
      fc.record({ kind: fc.constant('reject' as const), index: fc.nat(5) }),
      fc.record({ kind: fc.constant('server' as const), id, title }),
    )

    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const store = new RecordStore()
        // The model: server state and pending layers, in order.
        const base: Record<Id, { title: string; version: number }> = { a: { title: 'x', version: 1 }, b: { title: 'x', version: 1 } }
        const layers: { id: string; ops: { id: Id; title: string }[] }[] = []
        for (const recordId of IDS) store.dispatch({ type: 'recordsLoaded', records: loaded(recordId, 1, 'x'), origin: 'refresh' })
        const expected = (recordId: Id) =>
          layers.reduce((current, layer) => layer.ops.filter((op) => op.id === recordId).reduce((_, op) => op.title, current), base[recordId].title)

        const titles: Record<Id, (string | undefined)[]> = { a: [], b: [] }
        const values: Record<Id, unknown[]> = { a: [], b: [] }
        const batches: RecordChange[][] = []
        const subscriptions = IDS.flatMap((recordId) => [
          store.selectValue('block', recordId, (record) => titleOf(record?.value)).subscribe((t) => titles[recordId].push(t)),
          store.selectValue('block', recordId, (record) => record?.value).subscribe((v) => values[recordId].push(v)),
        ])
        subscriptions.push(store.changes$.subscribe((changes) => batches.push(changes)))

        let next = 0
        for (const step of commands) {
          if (step.kind === 'write') {
            const layerId = `L${next++}`
            layers.push({ id: layerId, ops: step.ops })
            store.dispatch({ type: 'optimisticApplied', layerId, operations: step.ops.map((op) => setTitle(op.id, op.title)) })
          } else if (step.kind === 'commit') {
            // The queue commits in order: the oldest layer.
            const layer = layers.shift()
            if (!layer) continue
            for (const op of layer.ops) base[op.id].title = op.title
            for (const touched of new Set(layer.ops.map((op) => op.id))) base[touched].version++
            store.dispatch({ type: 'txCommitted', layerId: layer.id })
          } else if (step.kind === 'reject') {
            const [layer] = layers.splice(step.index % Math.max(layers.length, 1), 1)
            if (!layer) continue
            store.dispatch({ type: 'txRejected', layerId: layer.id })
          } else {
            base[step.id] = { title: step.title, version: base[step.id].version + 1 }
            store.dispatch({ type: 'recordsLoaded', records: loaded(step.id, base[step.id].version, step.title), origin: 'remote' })
          }
          for (const recordId of IDS) {
            // The last emission is the visible state, which is the model's.
            expect(titles[recordId].at(-1)).toBe(expected(recordId))
            expect(titleOf(store.get('block', recordId)?.value)).toBe(expected(recordId))
          }
        }
        for (const subscription of subscriptions) subscription.unsubscribe()

        for (const recordId of IDS) {
          // No emission without a change: consecutive emissions always differ (deeply, for whole values).
          titles[recordId].forEach((t, i) => i > 0 && expect(t).not.toBe(titles[recordId][i - 1]))
          values[recordId].forEach((v, i) => i > 0 && expect(isDeepStrictEqual(v, values[recordId][i - 1])).toBe(false))
          expect(store.getConfirmed('block', recordId)?.version).toBe(base[recordId].version)
          expect(titleOf(store.getConfirmed('block', recordId)?.value)).toBe(base[recordId].title)
        }
        // changes$ reports real changes only.
        for (const change of batches.flat()) {
          expect(change.changes.length).toBeGreaterThan(0)
          expect(isDeepStrictEqual(change.before, change.after)).toBe(false)
        }
        expect(store.hasPendingLayers()).toBe(layers.length > 0)
      }),
      { numRuns: 300 },
    )
  })
})
