import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { PageBlock } from '../src/records/pageBlocks.js'
import type { TextBlock, ToDoBlock } from '../src/records/textBlocks.js'
import { testClient } from './support/testClient.js'

/** A fresh user's "Getting Started" page, loaded through the real client. */
async function setup(envelope: 'nested' | 'flat', options: Parameters<typeof testClient>[2] = {}) {
  const emu = await testEmulator({ envelope })
  const ada = emu.createUser({ email: 'ada@example.com' })
  const pageId = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!
  const { client, log } = testClient(emu, ada, options)
  const page = (await client.getBlock(pageId)) as PageBlock
  /**
   * The page and its blocks as a new client sees them once the writes sent so far are answered:
   * the server's state, nothing optimistic. (A transaction resolves when its request is sent.)
   */
  const serverView = async () => {
    await client.flush().catch(() => {})
    const fresh = testClient(emu, ada).client
    const freshPage = (await fresh.getBlock(pageId)) as PageBlock
    return {
      page: freshPage.value,
      blocks: freshPage.children.ids.map((id) => fresh.store.get('block', id)?.value),
      get: (id: string) => fresh.store.get('block', id)?.value,
    }
  }
  return { emu, ada, client, log, page, serverView }
}

describe.each(['nested', 'flat'] as const)('writes through NotionClient (%s envelope)', (envelope) => {
  it('batches the writes of one tick, and of client.transaction across awaits, into one request each', async () => {
    const { client, log, page, serverView } = await setup(envelope)
    const before = log.writes
    const added = Array.from({ length: 20 }, (_, i) => page.children.addNew('to_do', { title: `Task ${i}`, checked: i % 2 === 0 }))
    page.title = 'Plan'
    page.icon = '🗂️'
    await client.flush()
    expect(log.writes).toBe(before + 1)
    expect(log.lastWrite()!.length).toBeGreaterThan(40)

    await client.transaction(async () => {
      added[0]!.title = 'First'
      await new Promise((resolve) => setTimeout(resolve, 5))
      added[1]!.checked = false
      // Not awaited: a write inside a transaction commits when the transaction ends.
      void added[2]!.remove()
    })
    expect(log.writes).toBe(before + 2)

    const server = await serverView()
    expect(server.page).toMatchObject({ properties: { title: [['Plan']] }, format: { page_icon: '🗂️' } })
    expect(server.blocks.slice(1).map((block) => (block?.['properties'] as { title: [[string]] }).title[0][0])).toEqual([
      'First',
      'Task 1',
      ...added.slice(3).map((_, i) => `Task ${i + 3}`),
    ])
    expect(server.get(added[1]!.id)?.['properties']).toMatchObject({ checked: [['No']] })
    expect(page.children.ids).toEqual(server.page?.['content'])
  })

  it('moveTo and remove may be left un-awaited like setters: a rejected commit reaches errors$, never unhandled rejections', async () => {
    const { emu, client, page } = await setup(envelope)
    const a = page.children.addNew('to_do', { title: 'A' })
    const b = page.children.addNew('to_do', { title: 'B' })
    await client.flush()
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    const errors: unknown[] = []
    const subscription = client.errors$.subscribe((error) => errors.push(error))
    try {
      emu.setFaults({ rejectWrites: true })
      void a.moveTo(page, 'first-child')
      void b.remove({ permanently: true })
      await client.flush().catch(() => {})
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(errors).toHaveLength(1)
      expect(unhandled).toEqual([])
      // Bad input is still refused at once, before anything is queued.
      expect(() => a.moveTo(a, 'after')).toThrow(expect.objectContaining({ code: 'invalid_move' }))
    } finally {
      emu.setFaults({})
      subscription.unsubscribe()
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('rolls a rejected transaction back entirely: nothing half-applied locally or on the server', async () => {
    const { emu, client, page, serverView } = await setup(envelope)
    const keep = page.children.addNew('to_do', { title: 'Keep', checked: false })
    await client.flush()
    const localBefore = { page: page.value, keep: keep.value }
    const serverBefore = await serverView()

    emu.setFaults({ rejectWrites: true })
    const errors: unknown[] = []
    const subscription = client.errors$.subscribe((error) => errors.push(error))
    const created = page.children.addNew('text', { title: 'Doomed' })
    const nested = created.children.addNew('to_do', { title: 'Doomed child' })
    keep.checked = true
    keep.title = 'Changed'
    page.title = 'Renamed'
    const moved = keep.moveTo(page, 'first-child')
    // Optimistic: all of it shows at once.
    expect([keep.checked, page.title, page.children.ids[0]]).toEqual([true, 'Renamed', keep.id])
    await expect(client.flush()).rejects.toMatchObject({ name: 'TransactionRejectedError' })
    await expect(moved).rejects.toMatchObject({ name: 'TransactionRejectedError' })
    subscription.unsubscribe()
    emu.setFaults({})

    expect(errors).toHaveLength(1)
    expect(page.value).toEqual(localBefore.page)
    expect(keep.value).toEqual(localBefore.keep)
    expect(created.value).toBeUndefined()
    expect(nested.value).toBeUndefined()
    expect(client.store.hasPendingLayers()).toBe(false)
    const serverAfter = await serverView()
    expect(serverAfter.page).toEqual(serverBefore.page)
    expect(serverAfter.blocks).toEqual(serverBefore.blocks)
    expect(serverAfter.get(created.id)).toBeUndefined()

    // The client keeps working after a rejection.
    keep.checked = true
    await client.flush()
    expect((await serverView()).get(keep.id)?.['properties']).toMatchObject({ checked: [['Yes']] })
  })

  it('loses and duplicates nothing over many writes under injected 5xx and 429', async () => {
    const { emu, client, log, page, serverView } = await setup(envelope, { retry: { maxAttempts: 15, baseDelayMs: 2, maxDelayMs: 20 } })
    emu.setFaults({ errorRate: 0.3, rateLimitRate: 0.2, retryAfterSeconds: 0 })
    const intended: { id: string; title: string; checked: boolean }[] = []
    const todos: ToDoBlock[] = []
    for (let round = 0; round < 25; round++) {
      // Each round: two new blocks, a retitle and a check of earlier ones, in one tick.
      for (let k = 0; k < 2; k++) {
        const title = `Item ${round}.${k}`
        const todo = page.children.addNew('to_do', { title, checked: false })
        todos.push(todo)
        intended.push({ id: todo.id, title, checked: false })
      }
      const target = (round * 7) % intended.length
      intended[target]!.title = `Retitled in ${round}`
      todos[target]!.title = `Retitled in ${round}`
      intended[target]!.checked = !intended[target]!.checked
      todos[target]!.checked = intended[target]!.checked
      // Mostly one request per round; every fifth round rides along with the next.
      if (round % 5 !== 4) await client.flush()
    }
    await client.flush()
    emu.setFaults({})
    const retries = log.events.filter((event) => event.type === 'retry').length
    expect(retries).toBeGreaterThan(3)

    const server = await serverView()
    const content = server.page?.['content'] as string[]
    expect(new Set(content).size).toBe(content.length)
    expect(content.slice(1)).toEqual(intended.map((item) => item.id))
    for (const item of intended) {
      const value = server.get(item.id)
      expect(value?.['properties'], item.title).toEqual({ title: [[item.title]], checked: [[item.checked ? 'Yes' : 'No']] })
    }
    // The local view agrees with the server's.
    expect(page.children.ids).toEqual(content)
    expect((page.children.at(1) as TextBlock).title).toBe(intended[0]!.title)
  })
})
