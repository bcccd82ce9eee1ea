import type { Operation } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { RecordStore } from '../src/store/recordStore.js'
import { TransactionQueue, type TransactionBatch } from '../src/sync/transactionQueue.js'
import { NotionApiError } from '../src/transport/errors/notionApiError.js'

function setTitle(id: string, text: string): Operation {
  return { pointer: { table: 'block', id, spaceId: 's' }, path: ['properties', 'title'], command: 'set', args: [[text]] }
}

function setup(outcome: (batch: TransactionBatch) => Promise<void> = async () => {}) {
  const store = new RecordStore()
  store.dispatch({
    type: 'recordsLoaded',
    records: { block: { a: { role: 'editor', value: { id: 'a', version: 1, properties: { title: [['A']] } } }, b: { role: 'editor', value: { id: 'b', version: 1 } } } },
    origin: 'refresh',
  })
  const sent: TransactionBatch[] = []
  const queue = new TransactionQueue({
    store,
    userId: () => 'user-1',
    now: () => 1_700_000_000_000,
    submit: (batch) => {
      sent.push(structuredClone(batch))
      return outcome(batch)
    },
  })
  return { store, queue, sent }
}

describe('TransactionQueue', () => {
  it('sends every operation of one tick as one request, with last_edited_* once per block', async () => {
    const { store, queue, sent } = setup()
    for (let i = 0; i < 1000; i++) void queue.enqueue([setTitle(i % 2 ? 'a' : 'b', `v${i}`)])
    expect(store.get('block', 'a')?.value?.['properties']).toEqual({ title: [['v999']] })
    await queue.flush()
    expect(sent).toHaveLength(1)
    const audit = sent[0]!.operations.filter((op) => op.command === 'update')
    expect(audit).toHaveLength(2)
    expect(audit[0]?.args).toEqual({ last_edited_time: 1_700_000_000_000, last_edited_by_id: 'user-1', last_edited_by_table: 'notion_user' })
    expect(store.hasPendingLayers()).toBe(false)
    expect(store.get('block', 'a')?.version).toBe(2)
  })

  it('groups writes across awaits inside transaction(), nested ones included', async () => {
    const { queue, sent } = setup()
    await queue.transaction(async () => {
      void queue.enqueue([setTitle('a', 'one')])
      await new Promise((resolve) => setTimeout(resolve, 5))
      await queue.transaction(async () => {
        void queue.enqueue([setTitle('b', 'two')])
      })
      expect(sent).toHaveLength(0)
    })
    await queue.flush()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.operations.filter((op) => op.command === 'set')).toHaveLength(2)
  })

  it('rolls back a rejected request, rejects its writes and reports the error as a value', async () => {
    const request = { method: 'POST', url: 'http://127.0.0.1:1/api/v3/submitTransaction', headers: {} }
    // A refusal the server answered (a network error would be an unknown outcome, re-sent first).
    const failure = new NotionApiError({ endpoint: 'submitTransaction', requestId: 'r1', request, attempts: 1, status: 400, notionName: 'ValidationError', serverMessage: 'rejected by server' })
    const { store, queue } = setup(async () => {
      throw failure
    })
    const errors: unknown[] = []
    queue.errors$.subscribe((e) => errors.push(e))
    const write = queue.enqueue([setTitle('a', 'doomed')])
    expect(store.get('block', 'a')?.value?.['properties']).toEqual({ title: [['doomed']] })
    await expect(write).rejects.toBe(failure)
    await expect(queue.flush()).resolves.toBeUndefined()
    expect(store.get('block', 'a')?.value?.['properties']).toEqual({ title: [['A']] })
    expect(store.get('block', 'a')?.value?.['last_edited_time']).toBeUndefined()
    expect(errors).toEqual([failure])
  })

  it('does not report a write cancelled by an abort as an error value (its promise still rejects)', async () => {
    const reason = new DOMException('This operation was aborted', 'AbortError')
    const { queue } = setup(async () => {
      throw reason
    })
    const errors: unknown[] = []
    queue.errors$.subscribe((e) => errors.push(e))
    await expect(queue.enqueue([setTitle('a', 'cancelled')])).rejects.toBe(reason)
    expect(errors).toEqual([])
  })

  it('flush() rejects with what failed while the request is pending', async () => {
    const { queue } = setup(async () => {
      throw new Error('nope')
    })
    const write = queue.enqueue([setTitle('a', 'x')])
    write.catch(() => {})
    await expect(queue.flush()).rejects.toThrow('nope')
  })

  it('discards the writes of a transaction callback that throws, sending nothing', async () => {
    const { store, queue, sent } = setup()
    await expect(
      queue.transaction(async () => {
        queue.enqueue([setTitle('a', 'half')]).catch(() => {})
        throw new Error('user code failed')
      }),
    ).rejects.toThrow('user code failed')
    await queue.flush()
    expect(sent).toHaveLength(0)
    expect(store.get('block', 'a')?.value?.['properties']).toEqual({ title: [['A']] })
  })

  it('sends requests one at a time, in order', async () => {
    let active = 0
    let maxActive = 0
    const { queue, sent } = setup(async () => {
      active++
      maxActive = Math.max(maxActive, active)
      await new Promise((resolve) => setTimeout(resolve, 5))
      active--
    })
    void queue.enqueue([setTitle('a', '1')])
    await new Promise((resolve) => setImmediate(resolve))
    void queue.enqueue([setTitle('a', '2')])
    await queue.flush()
    expect(sent.map((b) => b.operations[0]?.args)).toEqual([[['1']], [['2']]])
    expect(maxActive).toBe(1)
  })
})
