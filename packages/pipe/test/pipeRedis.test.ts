import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { consumeStream, parsePipeEvent, parseRedisTarget, pipe, RedisCheckpointStore, redisSink, type PipeEvent } from '../src/index.js'
import { runCli } from './support/cliProcess.js'
import { checkChains, pipeWorkspace, serverRecord, waitFor } from './support/pipeWorkspace.js'
import { startReceiver } from './support/receiver.js'
import { RedisServer, SKIP_REDIS, SKIP_REDIS_WARNING } from './support/redisServer.js'

const servers: RedisServer[] = []
const clients: Redis[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function redisServer(): Promise<RedisServer> {
  const server = await RedisServer.start()
  servers.push(server)
  return server
}

function redisClient(server: RedisServer): Redis {
  const client = new Redis({ port: server.port, host: '127.0.0.1', maxRetriesPerRequest: 1 })
  client.on('error', () => {})
  clients.push(client)
  return client
}

/** Every event in the stream, in stream order. */
async function streamEvents(redis: Redis, stream: string): Promise<PipeEvent[]> {
  const entries = await redis.xrange(stream, '-', '+')
  return entries.map(([, fields]) => parsePipeEvent(JSON.parse(fields[fields.indexOf('event') + 1]!)))
}

if (SKIP_REDIS) {
  describe('redis sink', () => {
    it('did not run: redis-server is missing and NOTION_RX_SKIP_REDIS=1', () => {
      console.warn(SKIP_REDIS_WARNING)
      process.stderr.write(SKIP_REDIS_WARNING)
      expect(process.env['NOTION_RX_SKIP_REDIS']).toBe('1')
    })
  })
} else {
  describe('redis sink', () => {
    it('writes events to a stream with checkpoints in Redis; Redis stopped, then back: nothing missing', async () => {
      const server = await redisServer()
      const ws = await pipeWorkspace(3)
      const target = parseRedisTarget(`${server.url}/notion-events`)
      const sink = redisSink({ target, maxLen: 10_000 })
      const handle = pipe({
        client: ws.client(ws.ada),
        sources: [ws.db.pageId],
        sink,
        checkpoint: new RedisCheckpointStore({ redis: sink.redis, prefix: target.stream }),
        retry: { minMs: 50, maxMs: 500 },
      })
      await handle.ready
      const teammate = ws.client(ws.bob, false)
      const rows = await Promise.all(ws.db.rowIds.map((id) => teammate.getRecord('block', id)))
      let n = 0
      const round = async () => {
        for (const row of rows) await row.set(['properties', 'num'], [[String(++n)]])
        await teammate.flush()
      }
      await round()
      const reader = redisClient(server)
      await waitFor(async () => (await reader.xlen('notion-events')) >= 3, 'events in the stream')
      await server.stop()
      await round()
      await round()
      await waitFor(() => handle.stats.retrying >= 2, 'the pipe to retry while Redis is down')
      await server.resume()
      await waitFor(async () => {
        const events = await streamEvents(reader, 'notion-events').catch(() => [])
        return ws.db.rowIds.every((id) => events.some((event) => event.data.id === id && event.data.version === serverRecord(ws.emu, 'block', id)!.version))
      }, 'every row at its final version in the stream')
      await handle.close()

      const events = await streamEvents(reader, 'notion-events')
      const chains = checkChains(events)
      for (const id of ws.db.rowIds) expect(chains.get(`block:${id}`)![0]!.data.previousVersion).toBe(1)
      // The entry carries the event id and type as fields, for consumers that filter without parsing.
      const [, fields] = (await reader.xrange('notion-events', '-', '+', 'COUNT', 1))[0]!
      expect(fields[fields.indexOf('id') + 1]).toBe(events[0]!.id)
      expect(fields[fields.indexOf('type') + 1]).toBe(events[0]!.type)
      // The checkpoint lives next to the stream.
      const saved = await reader.hgetall('notion-events:pipe_checkpoint:default')
      expect(JSON.parse(saved[`block:${ws.db.rowIds[0]}`]!).version).toBe(serverRecord(ws.emu, 'block', ws.db.rowIds[0]!)!.version)
    }, 120_000)

    it('a consumer killed mid-batch leaves its entries pending; another consumer of the group claims and delivers them', async () => {
      const server = await redisServer()
      const redis = redisClient(server)
      // Ten events written as a pipe would.
      const ws = await pipeWorkspace(1)
      const target = parseRedisTarget(`${server.url}/events`)
      const collected: PipeEvent[] = []
      const sink = redisSink({ target })
      const handle = pipe({ client: ws.client(ws.ada), sources: [ws.db.pageId], sink })
      await handle.ready
      const teammate = ws.client(ws.bob, false)
      const block = await teammate.getBlock(ws.textIds[0]!)
      for (let i = 0; i < 10; i++) {
        await block.set(['properties', 'title'], [[`e${i}`]])
        await teammate.flush()
        await waitFor(async () => (await redis.xlen('events')) === i + 1, `event ${i} in the stream`)
      }
      await handle.close()

      // A consumer whose receiver never answers: it has read entries and is stuck delivering them.
      const stuck = await startReceiver(() => 'hang')
      const doomed = runCli(['consume', server.url, '--stream', 'events', '--group', 'workers', '--consumer', 'doomed', '--to', `webhook:${stuck.url}`, '--json'])
      await waitFor(() => stuck.requests.length > 0, 'the doomed consumer to start delivering')
      const pending = (await redis.xpending('events', 'workers')) as [number, string, string, [string, string][]]
      expect(pending[0]).toBe(10)
      expect(pending[3]).toEqual([['doomed', '10']])
      doomed.child.kill('SIGKILL')
      await doomed.exited

      const rescuer = consumeStream({
        target,
        group: 'workers',
        consumer: 'rescuer',
        claimIdleMs: 300,
        blockMs: 200,
        sink: (events) => {
          collected.push(...events)
        },
      })
      await waitFor(() => collected.length >= 10, 'the rescuer to deliver the claimed entries')
      await waitFor(async () => ((await redis.xpending('events', 'workers')) as [number])[0] === 0, 'every entry acknowledged')
      expect(rescuer.stats.claimed).toBe(10)
      await rescuer.close()
      expect(collected.map((event) => event.data.version)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2))
    }, 120_000)

    it('consumers restarted resume their own pending entries first', async () => {
      const server = await redisServer()
      const redis = redisClient(server)
      const target = parseRedisTarget(`${server.url}/s`)
      const event = (version: number): PipeEvent => ({
        specversion: '1.0', id: `block/00000000-0000-4000-8000-000000000001@${version}`, source: 'notion-rx://test', type: 'notion.block.updated',
        subject: '00000000-0000-4000-8000-000000000001', time: new Date(0).toISOString(), datacontenttype: 'application/json', notionrxversion: '1',
        data: { table: 'block', id: '00000000-0000-4000-8000-000000000001', version, previousVersion: version - 1, catchUp: false, spaceId: null, pageId: null, databaseId: null, author: null, before: null, after: null, changes: [] },
      })
      for (let version = 2; version <= 4; version++) await redis.xadd('s', '*', 'id', event(version).id, 'event', JSON.stringify(event(version)))
      await redis.xadd('s', '*', 'id', 'junk', 'event', '{"not":"an event"}')
      // First run: reads everything, fails delivering (throws), is closed before acknowledging.
      let failing = true
      const seen: string[] = []
      const sink = (events: readonly PipeEvent[]) => {
        seen.push(...events.map((e) => e.id))
        if (failing) throw new Error('receiver down')
      }
      const first = consumeStream({ target, group: 'g', consumer: 'c1', sink, retry: { minMs: 20, maxMs: 50 } })
      await waitFor(() => first.stats.retrying >= 1, 'a failed delivery')
      await first.close()
      failing = false
      seen.length = 0
      const second = consumeStream({ target, group: 'g', consumer: 'c1', sink, claimIdleMs: 60_000 })
      await waitFor(() => second.stats.delivered === 3, 'the pending entries delivered')
      expect(seen).toEqual([2, 3, 4].map((v) => event(v).id))
      expect(second.stats.malformed).toBe(1)
      await waitFor(async () => ((await redis.xpending('s', 'g')) as [number])[0] === 0, 'all acknowledged')
      await second.close()
    }, 60_000)

    it('notion-rx pipe exits 1 with one clear line when Redis cannot be reached', async () => {
      const server = await redisServer()
      const port = server.port
      await server.stop()
      const ws = await pipeWorkspace(1)
      const run = runCli(['pipe', ws.db.pageId, '--to', `redis://127.0.0.1:${port}/events`, '--api-url', ws.emu.apiUrl, '--token', ws.ada.tokenV2])
      expect((await run.exited).code).toBe(1)
      expect(run.stderr()).toMatch(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}/events \\(.*ECONNREFUSED.*\\); is redis-server running there\\?`))
    }, 60_000)
  })
}
