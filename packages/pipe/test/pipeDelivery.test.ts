import type { Block, NotionClient } from '@notion-rx/core'
import { describe, expect, it } from 'vitest'
import { MemoryCheckpointStore, parsePipeEvent, pipe, type PipeEvent } from '../src/index.js'
import { checkChains, pipeWorkspace, serverRecord, waitFor } from './support/pipeWorkspace.js'

/** A small seeded generator, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

describe('pipe delivery', () => {
  it('delivers every version of every record two teammates write, in order per record', async () => {
    const ws = await pipeWorkspace(6)
    const events: PipeEvent[] = []
    const pipeClient = ws.client(ws.ada)
    const handle = pipe({
      client: pipeClient,
      sources: [ws.db.pageId],
      checkpoint: new MemoryCheckpointStore(),
      // Every event crosses a JSON boundary and is checked against the published schema.
      sink: (batch) => {
        for (const event of batch) events.push(parsePipeEvent(JSON.parse(JSON.stringify(event))))
      },
    })
    await handle.ready
    const baseline = new Map(handle.stats.followed ? [...collectVersions(ws)] : [])
    expect(handle.stats.followed).toBeGreaterThanOrEqual(1 + 3 + 1 + 1 + 1 + 6)

    const teammates = [ws.client(ws.ada, false), ws.client(ws.bob, false)]
    const pages = await Promise.all(teammates.map((client) => client.getBlock(ws.db.pageId)))
    const collections = await Promise.all(teammates.map((client) => client.getCollection(ws.db.collectionId)))
    const touched = new Set<string>()
    const next = random(20261203)
    const writes = 60
    await Promise.all(
      teammates.map(async (client, who) => {
        for (let i = 0; i < writes / 2; i++) {
          const choice = next()
          const page = pages[who]!
          const textIds = page.children.ids.filter((id) => client.store.get('block', id)?.value?.['type'] === 'text')
          if (choice < 0.35 && textIds.length > 0) {
            const id = textIds[Math.floor(next() * textIds.length)]!
            await write(client, (await client.getBlock(id)) as Block, ['properties', 'title'], [[`t${who}-${i}`]])
            touched.add(`block:${id}`)
          } else if (choice < 0.6) {
            const rowId = ws.db.rowIds[Math.floor(next() * ws.db.rowIds.length)]!
            await write(client, await client.getRecord('block', rowId), ['properties', 'num'], [[String(Math.floor(next() * 1000))]])
            touched.add(`block:${rowId}`)
          } else if (choice < 0.75) {
            const added = page.children.addNew('text', { title: `new ${who}-${i}` })
            await client.flush()
            touched.add(`block:${added.id}`)
          } else if (choice < 0.85) {
            const row = collections[who]!.addRow({ name: `row ${who}-${i}` })
            await client.flush()
            touched.add(`block:${row.id}`)
          } else if (choice < 0.92 && textIds.length > 2) {
            const id = textIds[Math.floor(next() * textIds.length)]!
            await ((await client.getBlock(id)) as Block).remove().catch(() => {})
            touched.add(`block:${id}`)
          } else {
            await write(client, page, ['properties', 'title'], [[`Page ${who}-${i}`]])
            touched.add(`block:${ws.db.pageId}`)
          }
        }
      }),
    )

    // Every touched record ends at the server's version in what the sink got.
    const deleted = new Set<string>()
    await waitFor(() => {
      const last = lastVersions(events)
      for (const event of events) if (event.type === 'notion.block.deleted') deleted.add(`${event.data.table}:${event.data.id}`)
      return [...touched].every((key) => {
        const [table, id] = key.split(':') as [string, string]
        // A deleted block leaves after its deletion: a second removal (both teammates) is not followed.
        return last.get(key) === serverRecord(ws.emu, table, id)?.version || deleted.has(key)
      })
    }, 'the sink to receive the final version of every touched record')
    await handle.close()

    const chains = checkChains(events)
    for (const key of touched) {
      const [table, id] = key.split(':') as [string, string]
      const chain = chains.get(key)!
      expect(chain, key).toBeDefined()
      const first = chain[0]!
      // Starts at the version the pipe began from (or at creation), ends at the server's.
      if (baseline.has(key)) expect(first.data.previousVersion, key).toBe(baseline.get(key))
      else expect([null, 0]).toContain(first.data.previousVersion ?? null)
      const server = serverRecord(ws.emu, table, id)!
      const last = chain.at(-1)!
      if (deleted.has(key)) {
        expect(last.data.after?.['alive']).toBe(false)
        continue
      }
      expect(last.data.version).toBe(server.version)
      expect(last.data.after?.['properties']).toEqual(server.value['properties'])
      expect(last.data.after?.['alive']).toBe(server.value['alive'])
    }
    // Rows carry their properties decoded by name, and an author.
    const rowEvent = events.find((event) => event.type === 'notion.row.updated')!
    expect(rowEvent.data.properties?.after?.['Estimated value']).toEqual(expect.any(Number))
    expect(rowEvent.data.databaseId).toBe(ws.db.collectionId)
    expect([ws.ada.id, ws.bob.id]).toContain(rowEvent.data.author?.id)
    expect(events.some((event) => event.type === 'notion.block.created')).toBe(true)
    expect(events.some((event) => event.type === 'notion.row.created')).toBe(true)
    // Most versions arrive one by one; the rest are marked as catch-ups (checked by checkChains).
    const spanned = events.filter((event) => event.data.catchUp).length
    expect(spanned).toBeLessThan(events.length)
  }, 120_000)
})

function collectVersions(ws: Awaited<ReturnType<typeof pipeWorkspace>>): Map<string, number> {
  const versions = new Map<string, number>()
  for (const id of [ws.db.pageId, ws.db.blockId, ...ws.db.rowIds, ...ws.textIds]) versions.set(`block:${id}`, serverRecord(ws.emu, 'block', id)!.version)
  return versions
}

function lastVersions(events: readonly PipeEvent[]): Map<string, number> {
  const last = new Map<string, number>()
  for (const event of events) {
    const key = `${event.data.table}:${event.data.id}`
    last.set(key, Math.max(last.get(key) ?? -1, event.data.version))
  }
  return last
}

async function write(client: NotionClient, record: { set(path: (string | number)[], value: unknown): Promise<void> }, path: (string | number)[], value: unknown): Promise<void> {
  await record.set(path, value)
  await client.flush()
}
