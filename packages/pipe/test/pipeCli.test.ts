import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parsePipeEvent, parseSinkTarget, pipe, PipeError, type PipeEvent } from '../src/index.js'
import { runCli } from './support/cliProcess.js'
import { pipeWorkspace } from './support/pipeWorkspace.js'

describe('notion-rx pipe: bad input', () => {
  it('refuses an unknown sink scheme with exit code 2 and one line naming the accepted forms', async () => {
    const run = runCli(['pipe', '0123456789abcdef0123456789abcdef', '--to', 'kafka://broker:9092/topic'])
    expect((await run.exited).code).toBe(2)
    expect(run.stderr().trim().split('\n')).toHaveLength(1)
    expect(run.stderr()).toContain('unknown sink scheme \\"kafka:\\"; use ndjson, -, <file>.ndjson, webhook:<url> or redis://host:port/<stream>')
  }, 60_000)

  it('refuses a source that is not a Notion URL with exit code 2', async () => {
    const ws = await pipeWorkspace(1)
    const run = runCli(['pipe', 'https://example.com/not-notion', '--to', '-', '--api-url', ws.emu.apiUrl, '--token', ws.ada.tokenV2])
    expect((await run.exited).code).toBe(2)
    expect(run.stderr()).toContain('is not a Notion page or database URL or id')
  }, 60_000)

  it('says the token was rejected, exit code 1', async () => {
    const ws = await pipeWorkspace(1)
    const run = runCli(['pipe', ws.db.pageId, '--to', '-', '--api-url', ws.emu.apiUrl, '--token', 'not-a-token'])
    expect((await run.exited).code).toBe(1)
    expect(run.stderr()).toContain('token_v2 was rejected')
    expect(run.stderr()).not.toContain('not-a-token')
  }, 60_000)

  it('notion-rx consume refuses a bad group name with exit code 2, before connecting', async () => {
    const run = runCli(['consume', 'redis://127.0.0.1:1', '--stream', 'events', '--group', 'no spaces', '--to', '-'])
    expect((await run.exited).code).toBe(2)
    expect(run.stderr()).toContain('group name \\"no spaces\\": use 1 to 200 letters, digits')
    expect(run.stderr()).not.toContain('cannot reach Redis')
  }, 60_000)

  it('parses every --to form and names the problem of bad ones', () => {
    expect(parseSinkTarget('-')).toEqual({ kind: 'stdout' })
    expect(parseSinkTarget('ndjson')).toEqual({ kind: 'stdout' })
    expect(parseSinkTarget('out/events.ndjson')).toEqual({ kind: 'file', path: 'out/events.ndjson' })
    expect(parseSinkTarget('webhook:https://example.com/hook?token=x')).toEqual({ kind: 'webhook', url: 'https://example.com/hook?token=x' })
    expect(parseSinkTarget('redis://:pw@cache:6380/notion')).toMatchObject({ kind: 'redis', target: { host: 'cache', port: 6380, password: 'pw', stream: 'notion', display: 'redis://cache:6380/notion' } })
    expect(() => parseSinkTarget('redis://cache:6379')).toThrow(/needs a stream name/)
    expect(() => parseSinkTarget('webhook:ftp://x')).toThrow(/needs an http\(s\) URL/)
    expect(() => parseSinkTarget('events.txt')).toThrow(PipeError)
  })
})

describe('notion-rx pipe: ndjson', () => {
  it('--snapshot sends every followed record once; a reader that goes away (EPIPE) ends it with exit 0', async () => {
    const ws = await pipeWorkspace(3)
    const bin = fileURLToPath(new URL('../../cli/src/bin.ts', import.meta.url))
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, bin, 'pipe', ws.db.pageId, '--to', '-', '--snapshot', '--api-url', ws.emu.apiUrl, '--token', ws.ada.tokenV2, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    // Read the snapshot's first lines, then close our end as `| head -n 3` would.
    const lines = await new Promise<string[]>((resolve) => {
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        const complete = text.split('\n').slice(0, -1)
        if (complete.length >= 3) resolve(complete.slice(0, 3))
      })
    })
    child.stdout.destroy()
    // The next write after the reader left hits EPIPE; a new change makes one.
    const teammate = ws.client(ws.bob, false)
    const block = await teammate.getBlock(ws.textIds[0]!)
    for (let i = 0; i < 20 && child.exitCode === null; i++) {
      await block.set(['properties', 'title'], [[`poke ${i}`]])
      await teammate.flush()
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(await exited).toBe(0)
    expect(err, err).not.toMatch(/"level":"error"/)
    for (const line of lines) expect(parsePipeEvent(JSON.parse(line)).type).toMatch(/\.snapshot$/)
  }, 90_000)

  it('snapshot: true emits each followed record once, then streams changes', async () => {
    const ws = await pipeWorkspace(2)
    const events: PipeEvent[] = []
    const handle = pipe({ client: ws.client(ws.ada), sources: [ws.db.pageId], snapshot: true, markdown: true, sink: (batch) => void events.push(...batch) })
    await handle.ready
    await handle.drained()
    const snapshot = events.splice(0)
    const ids = snapshot.map((event) => event.data.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining([ws.db.pageId, ws.db.blockId, ws.db.collectionId, ws.db.viewId, ...ws.db.rowIds, ...ws.textIds]))
    expect(snapshot.every((event) => event.type.endsWith('.snapshot') && event.data.before === null && !event.data.catchUp)).toBe(true)
    expect(snapshot.find((event) => event.data.table === 'collection')!.type).toBe('notion.collection.snapshot')
    expect(snapshot.find((event) => event.data.table === 'collection_view')!.type).toBe('notion.view.snapshot')

    const teammate = ws.client(ws.bob, false)
    const block = await teammate.getBlock(ws.textIds[0]!)
    await block.set(['properties', 'title'], [['bold', [['b']]], [' move']])
    await teammate.flush()
    await handle.drained()
    const deadline = Date.now() + 20_000
    while (events.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    await handle.close()
    expect(events[0]!.type).toBe('notion.block.updated')
    expect(events[0]!.data.changes).toContainEqual({ kind: 'prop_changed', path: ['properties', 'title'] })
    expect(events[0]!.data.titleMarkdown).toEqual({ before: 'one', after: '**bold** move' })
    expect(events[0]!.data.pageId).toBe(ws.db.pageId)
    expect(events[0]!.data.author).toEqual({ id: ws.bob.id, table: 'notion_user' })
  }, 60_000)
})
