import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { UnknownWriteOutcomeError, type TransportEvent } from '../src/index.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import { testClient } from './support/testClient.js'

/** Fault draws that lose exactly every fourth answer: 25 %, and never three in a row. */
function everyFourth(): () => number {
  let i = 0
  return () => [0.9, 0.6, 0.4, 0.1][i++ % 4]!
}

async function setup(options: { faultRandom?: () => number; maxAttempts?: number; logger?: (event: TransportEvent) => void } = {}) {
  const emu = await testEmulator(options.faultRandom ? { faultRandom: options.faultRandom } : {})
  const ada = emu.createUser({ email: 'ada@example.com' })
  const pageId = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!
  const { client } = testClient(emu, ada, {
    retry: { maxAttempts: options.maxAttempts ?? 1, baseDelayMs: 1 },
    ...(options.logger ? { logger: options.logger } : {}),
  })
  const page = (await client.getBlock(pageId)) as PageBlock
  const outcomes: UnknownWriteOutcomeError[] = []
  client.transactions.outcomes$.subscribe((outcome) => outcomes.push(outcome))
  return { emu, ada, pageId, client, page, outcomes }
}

describe('writes whose answer was lost', () => {
  it('a burst with 25 % of answers lost after commit: every write settles committed, none twice, and the store equals the server', async () => {
    const { emu, pageId, page, outcomes } = await setup({ faultRandom: everyFourth() })
    const before = page.children.ids.length
    emu.setFaults({ loseAnswerRate: 0.25 })
    const writes: Promise<void>[] = []
    for (let i = 0; i < 24; i++) {
      writes.push(page.children.addNew('text', { title: `Line ${i}` }).committed)
      // One request per write: the burst is 24 separate transactions.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const settled = await Promise.allSettled(writes)
    emu.setFaults({})
    expect(settled.filter((result) => result.status === 'rejected')).toEqual([])
    // Some answers were lost, and each of those writes was settled by a re-send.
    expect(outcomes.length).toBeGreaterThanOrEqual(5)
    expect(outcomes.every((outcome) => outcome.resolution === 'committed')).toBe(true)
    expect(outcomes[0]!.message).toMatch(/^unknown outcome \(.*\), resolved as committed after 1 re-send\(s\)/)
    const server = emu.context.records.get('block', pageId)!.value['content'] as string[]
    expect(server).toHaveLength(before + 24)
    expect(new Set(server).size).toBe(server.length)
    expect(page.children.ids).toEqual(server)
    const titles = server.slice(before).map((id) => (emu.context.records.get('block', id)!.value['properties'] as { title: [[string]] }).title[0][0])
    expect(titles).toEqual(Array.from({ length: 24 }, (_, i) => `Line ${i}`))
  })

  it('the transport\'s own retries settle lost answers too, with the same ids', async () => {
    const { emu, pageId, page, outcomes } = await setup({ faultRandom: everyFourth(), maxAttempts: 4 })
    const before = page.children.ids.length
    emu.setFaults({ loseAnswerRate: 0.25 })
    const writes = []
    for (let i = 0; i < 12; i++) {
      writes.push(page.children.addNew('text', { title: `Retry ${i}` }).committed)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(writes)
    emu.setFaults({})
    expect(outcomes).toEqual([])
    expect(emu.context.records.get('block', pageId)!.value['content']).toHaveLength(before + 12)
    expect(page.children.ids).toEqual(emu.context.records.get('block', pageId)!.value['content'])
  })

  it('a write lost before the server saw it, then refused: resolved as rejected and rolled back', async () => {
    let setFaults: ((faults: Record<string, unknown>) => void) | undefined
    const { emu, pageId, page, outcomes } = await setup({
      // The moment the first attempt fails, the server starts refusing writes.
      logger: (event) => {
        if (event.type === 'error' && event.endpoint === 'submitTransaction') setFaults?.({ rejectWrites: true })
      },
    })
    setFaults = (faults) => emu.setFaults(faults)
    const before = page.children.ids.length
    emu.setFaults({ dropRate: 1 })
    const error = await page.children.addNew('text', { title: 'Refused' }).committed.then(
      () => undefined,
      (failure: unknown) => failure,
    )
    emu.setFaults({})
    expect(UnknownWriteOutcomeError.isUnknownWriteOutcomeError(error)).toBe(true)
    expect(error).toMatchObject({ resolution: 'rejected', resends: 1 })
    expect((error as Error).message).toMatch(/^unknown outcome \(.*\), resolved as rejected after 1 re-send\(s\): the server refused it/)
    expect(outcomes.map((outcome) => outcome.resolution)).toEqual(['rejected'])
    expect(page.children.ids).toHaveLength(before)
    expect(emu.context.records.get('block', pageId)!.value['content']).toHaveLength(before)
  })

  it('a server that stays unreachable: resolved as unresolved, rolled back, and the message says to refresh', async () => {
    const { emu, page, outcomes } = await setup()
    const before = page.children.ids.length
    emu.setFaults({ dropRate: 1 })
    const error = await page.children.addNew('text', { title: 'Nowhere' }).committed.then(
      () => undefined,
      (failure: unknown) => failure,
    )
    emu.setFaults({})
    expect(error).toMatchObject({ name: 'UnknownWriteOutcomeError', resolution: 'unresolved', resends: 3 })
    expect((error as Error).message).toContain('refresh the records it touched')
    expect(outcomes).toHaveLength(1)
    expect(page.children.ids).toHaveLength(before)
  }, 30_000)
})
