import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '@notion-rx/emulator'
import { testEmulator } from '@notion-rx/emulator/testing'
import { NotionClient } from '../src/client.js'
import { createTransport } from '../src/advanced.js'
import { RecordFetcher } from '../src/sync/recordFetcher.js'
import { MeteredFetch } from './support/meteredFetch.js'

/** A wide page: `toggles` top-level toggles with `children` text blocks each. */
function widePage(emu: Emulator, user: { spaceId: string }, toggles: number, children: number): { pageId: string; blocks: number } {
  const { records } = emu.context
  const pageId = randomUUID()
  const spaceId = user.spaceId
  const top = Array.from({ length: toggles }, () => randomUUID())
  records.transaction(() => {
    records.put('block', pageId, { id: pageId, version: 1, type: 'page', alive: true, parent_id: spaceId, parent_table: 'space', space_id: spaceId, content: top, properties: { title: [['Wide']] } })
    for (const toggleId of top) {
      const content = Array.from({ length: children }, () => randomUUID())
      records.put('block', toggleId, { id: toggleId, version: 1, type: 'toggle', alive: true, parent_id: pageId, parent_table: 'block', space_id: spaceId, content })
      for (const id of content) records.put('block', id, { id, version: 1, type: 'text', alive: true, parent_id: toggleId, parent_table: 'block', space_id: spaceId, properties: { title: [['x']] } })
    }
  })
  return { pageId, blocks: 1 + toggles * (children + 1) }
}

function loadedBlocks(client: NotionClient, pageId: string): number {
  const seen = new Set<string>()
  const visit = (id: string) => {
    const value = client.store.get('block', id)?.value
    if (!value || seen.has(id)) return
    seen.add(id)
    for (const child of (value['content'] as string[] | undefined) ?? []) visit(child)
  }
  visit(pageId)
  return seen.size
}

describe('page loads spend round trips well', () => {
  it("sends the page's first chunk first, without waiting for loadUserContent's answer", async () => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    const { pageId } = widePage(emu, user, 3, 3)
    const events: string[] = []
    // loadUserContent answers late; the chunk must have been asked for before it arrives.
    const fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      const endpoint = new URL(request.url).pathname.split('/').at(-1)!
      events.push(`sent ${endpoint}`)
      if (endpoint === 'loadUserContent') await new Promise((resolve) => setTimeout(resolve, 300))
      const response = await globalThis.fetch(request)
      events.push(`answered ${endpoint}`)
      return response
    }
    const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, fetch, monitor: false })
    const page = await client.getBlock(pageId)
    expect(page.id).toBe(pageId)
    // The read's request goes first, so the server answers it first.
    expect(events[0]).toBe('sent loadCachedPageChunkV2')
    expect(events.indexOf('sent loadCachedPageChunkV2')).toBeLessThan(events.indexOf('answered loadUserContent'))
    expect(client.currentUser?.id).toBe(user.id)
    await client.close()
  })

  it('sends the next round trip before it stores the answer it has (storing overlaps the wait)', async () => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    const { pageId, blocks } = widePage(emu, user, 5, 30)
    let client: NotionClient | undefined
    const heldWhenSent: boolean[] = []
    const fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      // Whether the page (which came in the first chunk) was stored when the next request left.
      if (request.url.endsWith('/syncRecordValuesMain')) heldWhenSent.push(client!.store.holds('block', pageId))
      return globalThis.fetch(request)
    }
    client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, fetch, monitor: false })
    await client.getBlock(pageId)
    expect(heldWhenSent).toEqual([false, true])
    expect(loadedBlocks(client, pageId)).toBe(blocks)
    await client.close()
  })

  it('walks a block that came in newer while its answer was on the way in its newer form', async () => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    // Past the first chunk: the third toggle comes in the first syncRecordValuesMain.
    const { pageId, blocks } = widePage(emu, user, 3, 100)
    const { records } = emu.context
    const toggleId = (records.get('block', pageId)!.value['content'] as string[])[2]!
    const addedId = randomUUID()
    let client: NotionClient | undefined
    const fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      const body = await request.clone().text()
      const response = await globalThis.fetch(request)
      const asksForToggle = request.url.endsWith('/syncRecordValuesMain') && body.includes(toggleId)
      if (asksForToggle && !records.get('block', addedId)) {
        // While this answer (the toggle at version 1) is on its way, a teammate adds a child and
        // the client hears of the toggle's version 2 (as its monitor would).
        const toggle = records.get('block', toggleId)!.value
        const newer = { ...toggle, version: 2, content: [...(toggle['content'] as string[]), addedId] }
        records.transaction(() => {
          records.put('block', addedId, { id: addedId, version: 1, type: 'text', alive: true, parent_id: toggleId, parent_table: 'block', space_id: user.spaceId })
          records.put('block', toggleId, newer)
        })
        client!.store.dispatch({ type: 'recordsLoaded', records: { block: { [toggleId]: { role: 'editor', value: newer } } }, origin: 'refresh' })
      }
      return response
    }
    client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, fetch, monitor: false })
    await client.getBlock(pageId)
    expect(client.store.get('block', toggleId)?.version).toBe(2)
    expect(client.store.get('block', addedId)?.value).toMatchObject({ parent_id: toggleId })
    expect(loadedBlocks(client, pageId)).toBe(blocks + 1)
    await client.close()
  })

  it('fetches each missing level in one request, 2,900 blocks included, as notion-client does', async () => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    const { pageId, blocks } = widePage(emu, user, 30, 100)
    const metered = new MeteredFetch()
    const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, fetch: metered.fetch, monitor: false })
    await client.getBlock(pageId)
    expect(loadedBlocks(client, pageId)).toBe(blocks)
    // The first chunk holds the page, the first toggle and (most of) its children; then one
    // request for the other 29 toggles, and one for every block still missing below them.
    const fetches = metered.calls.filter((call) => call.endpoint === 'syncRecordValuesMain')
    expect(metered.calls.map((call) => call.endpoint).sort()).toEqual(['loadCachedPageChunkV2', 'loadUserContent', 'syncRecordValuesMain', 'syncRecordValuesMain'])
    const chunk = metered.calls.find((call) => call.endpoint === 'loadCachedPageChunkV2')!
    const inChunk = chunk.records['block']!.length
    const fetched = fetches.map((call) => call.records['block']?.length ?? 0)
    expect(inChunk + fetched[0]! + fetched[1]!).toBe(blocks)
    expect(fetched[1]).toBeGreaterThan(2_800)
    await client.close()
  })

  it('halves its batches when the server finds a request too large (413), and keeps the smaller size', async () => {
    const emu = await testEmulator({ maxBodyBytes: 64 * 1024 })
    const user = emu.createUser({ email: 'ada@example.com' })
    const first = widePage(emu, user, 30, 100)
    const second = widePage(emu, user, 30, 100)
    const metered = new MeteredFetch()
    const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, fetch: metered.fetch, monitor: false })
    await client.getBlock(first.pageId)
    expect(loadedBlocks(client, first.pageId)).toBe(first.blocks)
    const fetches = (from: number) => metered.calls.slice(from).filter((call) => call.endpoint === 'syncRecordValuesMain')
    // Too large at first: the answers to the oversized requests carry no records.
    expect(fetches(0).filter((call) => Object.keys(call.records).length === 0).length).toBeGreaterThan(0)
    const before = metered.calls.length
    await client.getBlock(second.pageId)
    expect(loadedBlocks(client, second.pageId)).toBe(second.blocks)
    // The size learnt on the first page fits at once on the second: every request carries records.
    expect(fetches(before).length).toBeGreaterThan(1)
    expect(fetches(before).every((call) => (call.records['block'] ?? []).length > 0)).toBe(true)
    expect(fetches(before).every((call) => call.requestBytes <= 64 * 1024)).toBe(true)
    await client.close()
  })

  it('asks for records in the flat form unless it knows their space, and gets the same records either way', async () => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    const { pageId } = widePage(emu, user, 2, 2)
    const bodies: unknown[] = []
    const fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
      bodies.push(JSON.parse(String(init?.body)))
      return globalThis.fetch(input, init)
    }
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: user.tokenV2, fetch })
    const fetcher = new RecordFetcher(transport.post, () => false)
    const flat = await fetcher.fetch([{ table: 'block', id: pageId }, { table: 'space', id: user.spaceId, version: 0 }])
    const pointed = await fetcher.fetch([{ table: 'block', id: pageId, spaceId: user.spaceId }])
    expect(bodies).toEqual([
      { requests: [{ table: 'block', id: pageId, version: -1 }, { table: 'space', id: user.spaceId, version: 0 }] },
      { requests: [{ pointer: { table: 'block', id: pageId, spaceId: user.spaceId }, version: -1 }] },
    ])
    expect(flat.block?.[pageId]?.value?.['id']).toBe(pageId)
    expect(flat.space?.[user.spaceId]?.role).not.toBe('none')
    expect(pointed.block?.[pageId]?.value).toEqual(flat.block?.[pageId]?.value)
  })
})
