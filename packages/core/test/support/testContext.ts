import { randomUUID } from 'node:crypto'
import { normalizeRecordMap, type RecordPointer } from '@notion-rx/protocol'
import type { Emulator } from '../../../emulator/src/index.js'
import type { ClientContext } from '../../src/clientContext.js'
import { recordFor } from '../../src/records/recordFor.js'
import { RecordStore } from '../../src/store/recordStore.js'
import { TransactionQueue, type TransactionBatch } from '../../src/sync/transactionQueue.js'

export { recordFor }

export interface TestContext extends ClientContext {
  /** Every saveTransactionsFanout request body sent, in order (count them to check batching). */
  readonly requests: { requestId: string; transactions: { id: string; spaceId?: string; operations: unknown[] }[] }[]
  /** Every endpoint called, in order. */
  readonly calls: string[]
}

/**
 * A tiny stand-in for NotionClient (being written concurrently): a ClientContext over a real
 * emulator with `fetch` and the token cookie. Writes go through a real TransactionQueue whose
 * submit POSTs saveTransactionsFanout; reads use syncRecordValuesMain and loadCachedPageChunkV2.
 */
export function testContext(emulator: Emulator, user: { id: string; tokenV2: string }): TestContext {
  const store = new RecordStore()
  const requests: TestContext['requests'] = []
  const calls: string[] = []

  async function post(endpoint: string, body: unknown): Promise<Record<string, unknown>> {
    calls.push(endpoint)
    const response = await fetch(`${emulator.apiUrl}/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `token_v2=${user.tokenV2}` },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`${endpoint} answered ${response.status}: ${text}`)
    return JSON.parse(text) as Record<string, unknown>
  }

  async function fetchRecords(pointers: readonly RecordPointer[]): Promise<void> {
    if (pointers.length === 0) return
    const body = await post('syncRecordValuesMain', { requests: pointers.map((pointer) => ({ pointer, version: -1 })) })
    store.dispatch({ type: 'recordsLoaded', records: normalizeRecordMap(body['recordMap']), origin: 'refresh' })
  }

  const transactions = new TransactionQueue({
    store,
    userId: () => user.id,
    submit: async (batch: TransactionBatch) => {
      const body = {
        requestId: batch.requestId,
        transactions: [
          { id: batch.transactionId, ...(batch.spaceId === undefined ? {} : { spaceId: batch.spaceId }), operations: batch.operations },
        ],
      }
      requests.push(structuredClone(body))
      await post('saveTransactionsFanout', body)
    },
  })

  return {
    store,
    transactions,
    requests,
    calls,
    loadRecords: (pointers) => fetchRecords(pointers.filter((pointer) => store.get(pointer.table, pointer.id)?.value === undefined)),
    refreshRecords: fetchRecords,
    async loadPage(pageId) {
      let cursor: unknown = { stack: [] }
      for (let chunkNumber = 0; chunkNumber < 100; chunkNumber++) {
        const body = await post('loadCachedPageChunkV2', { page: { id: pageId }, limit: 100, cursor, chunkNumber, verticalColumns: false })
        store.dispatch({ type: 'recordsLoaded', records: normalizeRecordMap(body['recordMap']), origin: 'refresh' })
        const cursors = body['cursors']
        if (!Array.isArray(cursors) || cursors.length === 0) return
        cursor = cursors[0]
      }
    },
    async deleteBlocksPermanently(blockIds) {
      await post('deleteBlocks', { blockIds, permanentlyDelete: true })
      store.dispatch({ type: 'recordsEvicted', keys: blockIds.map((id) => `block:${id}` as const) })
    },
    currentUserId: () => user.id,
    newId: () => randomUUID(),
    now: () => Date.now(),
  }
}

/** Reads one record with a fresh context (a new store): what the server holds, nothing optimistic. */
export async function serverRecord(
  emulator: Emulator,
  user: { id: string; tokenV2: string },
  table: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const fresh = testContext(emulator, user)
  await fresh.refreshRecords([{ table, id }])
  return fresh.store.get(table, id)?.value
}
