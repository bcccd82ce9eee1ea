import { describe, expect, it } from 'vitest'
import * as api from '../src/index.js'
import { pipe, type PipeEvent, type SinkContext } from '../src/index.js'
import { pipeWorkspace, serverRecord, waitFor } from './support/pipeWorkspace.js'

describe('pipe sources', () => {
  it('a database source follows its schema and rows, rows added later too; several sources in one pipe', async () => {
    const ws = await pipeWorkspace(2)
    const events: PipeEvent[] = []
    const handle = pipe({ client: ws.client(ws.ada), sources: [ws.db.blockId, ws.textIds[2]!], sink: (batch) => void events.push(...batch) })
    await handle.ready
    // Block, collection, view, two rows, and the one text block named; not the page around them.
    expect(handle.stats.followed).toBe(6)
    const teammate = ws.client(ws.bob, false)
    const collection = await teammate.getCollection(ws.db.collectionId)
    const row = collection.addRow({ name: 'added later', estimatedValue: 7 })
    await teammate.flush()
    const created = await waitFor(() => events.find((event) => event.data.id === row.id), 'the new row')
    expect(created.type).toBe('notion.row.created')
    expect(created.data.properties?.after).toMatchObject({ Name: 'added later', 'Estimated value': 7 })
    // The new row is followed from now on.
    await row.set(['properties', 'num'], [['8']])
    await teammate.flush()
    const updated = await waitFor(() => events.find((event) => event.data.id === row.id && event.type === 'notion.row.updated'), 'the row update')
    expect(updated.data.properties).toMatchObject({ before: { 'Estimated value': 7 }, after: { 'Estimated value': 8 } })
    await collection.renameProperty('num', 'Estimate')
    await teammate.flush()
    const schema = await waitFor(() => events.find((event) => event.type === 'notion.collection.updated'), 'the schema change')
    expect(schema.data.changes.some((change) => change.path[0] === 'schema')).toBe(true)
    const text = await teammate.getBlock(ws.textIds[2]!)
    await text.set(['properties', 'title'], [['the second source']])
    await teammate.flush()
    await waitFor(() => events.find((event) => event.data.id === text.id), 'the second source')
    // Nothing of the page outside the sources.
    expect(events.some((event) => event.data.id === ws.db.pageId || ws.textIds.slice(0, 2).includes(event.data.id))).toBe(false)
    await handle.close()
  }, 60_000)

  it('a block moved out of the page gets its last event, then is no longer followed', async () => {
    const ws = await pipeWorkspace(1)
    const events: PipeEvent[] = []
    const handle = pipe({ client: ws.client(ws.ada), sources: [ws.db.pageId], sink: (batch) => void events.push(...batch) })
    await handle.ready
    const teammate = ws.client(ws.bob, false)
    const other = (await teammate.getBlock(ws.db.pageId)).children.addNew('page', { title: 'Elsewhere' })
    await teammate.flush()
    const moving = await teammate.getBlock(ws.textIds[0]!)
    const followedBefore = await waitFor(() => events.some((event) => event.data.id === other.id) && handle.stats.followed, 'the sub-page')
    // A child page is followed as a block, its content is not: moving the text into it moves it out.
    await moving.moveTo(other)
    await teammate.flush()
    const moved = await waitFor(() => events.find((event) => event.data.id === moving.id), 'the move')
    expect(moved.data.after?.['parent_id']).toBe(other.id)
    await waitFor(() => handle.stats.followed === followedBefore - 1, 'the moved block to be let go')
    const count = events.length
    await moving.set(['properties', 'title'], [['not followed any more']])
    await teammate.flush()
    // A later change to a followed block proves the pipe is still streaming, and the moved one stayed out.
    const still = await teammate.getBlock(ws.textIds[1]!)
    await still.set(['properties', 'title'], [['still here']])
    await teammate.flush()
    await waitFor(() => events.some((event) => event.data.id === still.id), 'the followed block')
    expect(events.slice(count).some((event) => event.data.id === moving.id)).toBe(false)
    await handle.close()
  }, 60_000)

  it('coalesces pending changes per record while the sink is slow: one pending entry and one event per record', async () => {
    const ws = await pipeWorkspace(1)
    const batches: PipeEvent[][] = []
    const client = ws.client(ws.ada)
    let release: (() => void) | undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const handle = pipe({
      client,
      sources: [ws.db.pageId],
      sink: async (batch, _context: SinkContext) => {
        batches.push([...batch])
        await gate
      },
    })
    await handle.ready
    const teammate = ws.client(ws.bob, false)
    const [a, b] = await Promise.all(ws.textIds.slice(0, 2).map((id) => teammate.getBlock(id)))
    await a!.set(['properties', 'title'], [['first']])
    await teammate.flush()
    await waitFor(() => batches.length === 1, 'the first (stuck) delivery')
    for (let i = 0; i < 30; i++) {
      await a!.set(['properties', 'title'], [[`a${i}`]])
      await b!.set(['properties', 'title'], [[`b${i}`]])
      await teammate.flush()
    }
    const caughtUp = (id: string) => client.store.getConfirmed('block', id)?.version === serverRecord(ws.emu, 'block', id)?.version
    await waitFor(() => caughtUp(a!.id) && caughtUp(b!.id), 'the pipe client to hold the last writes')
    expect(handle.stats.pending).toBe(2)
    expect(handle.stats.lagMs).toBeGreaterThan(0)
    release!()
    await waitFor(() => batches.length >= 2 && handle.stats.pending === 0, 'the backlog delivered')
    await handle.close()
    const backlog = batches.slice(1).flat()
    expect(backlog).toHaveLength(2)
    for (const event of backlog) {
      expect(event.data.catchUp).toBe(true)
      expect(event.data.version - event.data.previousVersion!).toBeGreaterThan(1)
    }
  }, 60_000)

  it('exports exactly the curated API', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CacheCheckpointStore', 'MemoryCheckpointStore', 'PIPE_ERROR_CODES', 'PIPE_EVENT_ACTIONS', 'PIPE_EVENT_VERSION', 'PIPE_RECORD_KINDS', 'PipeError',
      'RedisCheckpointStore', 'SqliteCheckpointStore', 'WEBHOOK_SIGNATURE_HEADER', 'backoffDelay', 'checkConsumerNames', 'connectRedis', 'consumeStream',
      'ndjsonSink', 'parsePipeEvent', 'parseRedisTarget', 'parseSinkTarget', 'pipe', 'pipeChangeSchema', 'pipeEventDataSchema',
      'pipeEventSchema', 'probeRedis', 'redisSink', 'signWebhook', 'verifyWebhookSignature', 'webhookSink',
    ])
  })
})
