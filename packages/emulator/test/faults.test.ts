import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FaultInjector } from '../src/faults.js'
import type { Emulator } from '../src/index.js'
import { APPLIED_REQUEST_TTL_MS } from '../src/writes/appliedRequests.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

function firstPage(emu: Emulator, spaceId: string): string {
  return (emu.context.records.get('space', spaceId)?.value['pages'] as string[])[0]!
}

function retitle(requestId: string, transactionId: string, pageId: string, title: string) {
  return {
    requestId,
    transactions: [
      { id: transactionId, operations: [{ pointer: { table: 'block', id: pageId }, path: ['properties', 'title'], command: 'set', args: [[title]] }] },
    ],
  }
}

describe('lost answers', () => {
  it('loseAnswerRate commits the write and then cuts the connection; a retry with the same ids is not applied twice', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const pageId = firstPage(emu, ada.spaceId)
    const before = emu.context.records.get('block', pageId)!.version
    emu.setFaults({ loseAnswerRate: 1 })
    const body = retitle(randomUUID(), randomUUID(), pageId, 'Lost answer')
    await expect(post(emu, 'saveTransactionsMain', body, { tokenV2: ada.tokenV2 })).rejects.toThrow()
    expect(emu.context.records.get('block', pageId)?.value['properties']).toEqual({ title: [['Lost answer']] })
    expect(emu.context.records.get('block', pageId)?.version).toBe(before + 1)
    emu.setFaults({})
    const retry = await post(emu, 'saveTransactionsMain', body, { tokenV2: ada.tokenV2 })
    expect(retry.status).toBe(200)
    expect(emu.context.records.get('block', pageId)?.version).toBe(before + 1)
  })

  it('rejects rates outside 0..1 for the new fault too', () => {
    expect(() => new FaultInjector({ loseAnswerRate: 2 })).toThrow(RangeError)
    const never = new FaultInjector({ loseAnswerRate: 0 }, () => 0)
    expect(never.loseAnswer()).toBe(false)
    const always = new FaultInjector({ loseAnswerRate: 0.5 }, () => 0.4)
    expect(always.loseAnswer()).toBe(true)
  })
})

describe('the applied-request table expires', () => {
  it('remembers a request id for the window, then forgets it (and sweeps the table)', async () => {
    let now = 1_700_000_000_000
    const emu = await testEmulator({ now: () => now })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const pageId = firstPage(emu, ada.spaceId)
    const body = retitle(randomUUID(), randomUUID(), pageId, 'Once')
    expect((await post(emu, 'saveTransactionsMain', body, { tokenV2: ada.tokenV2 })).status).toBe(200)
    const applied = emu.context.records.get('block', pageId)!.version
    const count = () => (emu.context.db.prepare('SELECT COUNT(*) AS n FROM applied_requests').get() as { n: number }).n
    expect(count()).toBe(2)
    // Within the window (a day, far beyond any client's retries): still a retry, not applied again.
    now += APPLIED_REQUEST_TTL_MS - 60_000
    expect((await post(emu, 'saveTransactionsMain', body, { tokenV2: ada.tokenV2 })).status).toBe(200)
    expect(emu.context.records.get('block', pageId)!.version).toBe(applied)
    // After it, any write sweeps the old keys away.
    now += 2 * 60_000 + 1
    const other = retitle(randomUUID(), randomUUID(), pageId, 'Later')
    expect((await post(emu, 'saveTransactionsMain', other, { tokenV2: ada.tokenV2 })).status).toBe(200)
    expect(count()).toBe(2)
    const keys = emu.context.db.prepare('SELECT request_key FROM applied_requests').all() as { request_key: string }[]
    expect(keys.map((row) => row.request_key).join()).not.toContain(body.requestId)
  })
})
