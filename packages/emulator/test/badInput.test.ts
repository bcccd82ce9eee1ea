import { randomUUID } from 'node:crypto'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { filesOf, MAX_OPEN_UPLOADS } from '../src/files/fileStore.js'
import type { Emulator } from '../src/index.js'
import { connectLive } from './support/messageStoreClient.js'
import { readRecord } from '../src/testing/readRecord.js'
import { submit } from '../src/testing/submit.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

/** Sends raw bytes and resolves with the raw answer (empty when the server closed without one). */
function rawRequest(emu: Emulator, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(emu.port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('end', () => resolve(answer))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
    socket.write(text)
  })
}

/** The server still answers a normal request: nothing ended or wedged it. */
async function expectAlive(emu: Emulator, tokenV2: string, spaceId: string): Promise<void> {
  const space = await readRecord(emu, tokenV2, 'space', spaceId)
  expect(space?.role).toBe('editor')
}

function pageOf(emu: Emulator, spaceId: string): string {
  return (emu.context.records.get('space', spaceId)?.value['pages'] as string[])[0]!
}

describe('malformed requests never end or wedge the emulator', () => {
  it.each(['//', '//[::1', '//[::1]:99999/x', '*', '//a:b@/%', 'http://[::1/x', '/api/v3/%E0%A4%A'])(
    'answers the target %j and keeps serving',
    async (target) => {
      const emu = await testEmulator()
      const ada = emu.createUser({ email: 'ada@example.com' })
      const answer = await rawRequest(emu, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
      expect(answer).toMatch(/^HTTP\/1\.1 (400|404) /)
      const post = await rawRequest(emu, `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`)
      expect(post).toMatch(/^HTTP\/1\.1 (400|404) /)
      await expectAlive(emu, ada.tokenV2, ada.spaceId)
    },
  )

  it('answers a request line that is not HTTP with 400 and keeps serving', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    expect(await rawRequest(emu, 'NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /)
    expect(await rawRequest(emu, `GET /primus-v8/?EIO=4&transport=polling&sid=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 \d{3} /)
    await expectAlive(emu, ada.tokenV2, ada.spaceId)
  })
})

describe('tables are a closed set and request keys never reach a prototype', () => {
  it('an anonymous __proto__ table sets nothing on Object.prototype and writes keep working', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    for (const id of ['spaceId', 'query', 'record', 'isNotionError']) {
      const response = await post(emu, 'syncRecordValuesMain', { requests: [{ table: '__proto__', id, version: -1 }] })
      expect(response.status).toBe(200)
      expect(response.body.recordMap).toEqual({ __version__: 3 })
    }
    for (const table of ['constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const response = await post(emu, 'syncRecordValuesMain', { requests: [{ pointer: { table, id: 'x' }, version: -1 }] })
      expect(response.body.recordMap).toEqual({ __version__: 3 })
    }
    expect(({} as Record<string, unknown>)['spaceId']).toBeUndefined()
    expect(({} as Record<string, unknown>)['query']).toBeUndefined()
    const id = randomUUID()
    const pageId = pageOf(emu, ada.spaceId)
    const write = await submit(emu, ada.tokenV2, [
      { id, table: 'block', path: [], command: 'set', args: { id, type: 'text', alive: true, parent_id: pageId, parent_table: 'block' } },
    ])
    expect(write.status).toBe(200)
  })

  it('ids named after Object.prototype members are ordinary ids everywhere', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const ids = ['__proto__', 'constructor', 'toString', 'query', 'record', 'hasOwnProperty']
    const response = await post(
      emu,
      'syncRecordValuesMain',
      { requests: ids.map((id) => ({ pointer: { table: 'block', id }, version: -1 })) },
      { tokenV2: ada.tokenV2 },
    )
    expect(response.status).toBe(200)
    // Each is a none stub under its own name, `__proto__` included (a plain object would drop it).
    expect(response.body.recordMap.block).toEqual(Object.fromEntries(ids.map((id) => [id, { value: { role: 'none' } }])))
    expect(JSON.parse(JSON.stringify(response.body.recordMap.block))).toHaveProperty(['__proto__'])
    const page = await post(
      emu,
      'loadPageChunk',
      { pageId: 'constructor', limit: 10, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false },
      { tokenV2: ada.tokenV2 },
    )
    expect(page.status).toBe(200)
    const values = await post(emu, 'getRecordValues', { requests: [{ table: 'block', id: '__proto__' }] }, { tokenV2: ada.tokenV2 })
    expect(values.body).toEqual({ results: [{ role: 'none' }] })
  })

  it('writes to a table outside the closed set are a 400 naming the table, and store nothing', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    for (const table of ['__proto__', 'constructor', 'records', 'team', 'sqlite_master']) {
      const response = await submit(emu, ada.tokenV2, [{ id: 'x', table, path: [], command: 'set', args: { id: 'x' } }])
      expect(response.status).toBe(400)
      expect(response.body.debugMessage).toContain('Unknown table')
    }
    const rows = emu.context.db.prepare("SELECT COUNT(*) AS n FROM records WHERE tbl NOT IN ('block','space','notion_user','user_root','user_settings','space_view','space_user','collection','collection_view','discussion','comment')").get() as { n: number }
    expect(rows.n).toBe(0)
  })

  it('a reducer named __proto__ in queryCollection reaches no prototype', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const view = emu.context.records.get('block', demo.tasksBlockId)?.value['view_ids'] as string[]
    const collectionId = emu.context.records.get('block', demo.tasksBlockId)?.value['collection_id'] as string
    const response = await post(
      emu,
      'queryCollection',
      {
        collection: { id: collectionId },
        collectionView: { id: view[0] },
        loader: { type: 'reducer', reducers: { ['__proto__']: { type: 'results', limit: 5 } }, searchQuery: '', userTimeZone: 'UTC' },
      },
      { tokenV2: demo.ownerToken },
    )
    expect(response.status).toBe(200)
    // The body schema drops the key (zod builds plain objects); what matters is that nothing leaked.
    expect(Object.keys(response.body.result.reducerResults)).toEqual([])
    expect(({} as Record<string, unknown>)['type']).toBeUndefined()
  })
})

/** `{a: {a: … leaf}}`, `depth` objects deep, built without recursion. */
function nested(depth: number, leaf: unknown = 1, key = 'a'): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = { [key]: value }
  return value
}

describe('limits: depth, content type, internal errors', () => {
  it('answers deep nesting in submitTransaction args and queryCollection filters with a 400 naming the path', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const id = randomUUID()
    const write = await post(
      emu,
      'submitTransaction',
      { operations: [{ id, table: 'block', path: [], command: 'set', args: { id, type: 'text', deep: nested(4000) } }] },
      { tokenV2: demo.ownerToken },
    )
    expect(write.status).toBe(400)
    expect(write.body.debugMessage).toMatch(/nests deeper than 100 levels, at operations\.0\.args\.deep\.a/)
    const block = emu.context.records.get('block', demo.tasksBlockId)!
    // 5,000 nested groups are 10,000 JSON levels: written as text, as JSON.stringify would overflow.
    const leaf = JSON.stringify({ property: 'title', filter: { operator: 'string_contains', value: { type: 'exact', value: 'x' } } })
    const filter = `${'{"operator":"and","filters":['.repeat(5000)}${leaf}${']}'.repeat(5000)}`
    const loader = `{"type":"reducer","reducers":{"results":{"type":"results","limit":5}},"searchQuery":"","userTimeZone":"UTC","filter":${filter}}`
    const query = await post(
      emu,
      'queryCollection',
      `{"collection":{"id":"${block.value['collection_id'] as string}"},"collectionView":{"id":"${(block.value['view_ids'] as string[])[0]!}"},"loader":${loader}}`,
      { tokenV2: demo.ownerToken },
    )
    expect(query.status).toBe(400)
    expect(query.body.debugMessage).toContain('nests deeper than')
    // Arrays count as levels too.
    let list: unknown = 1
    for (let i = 0; i < 200; i++) list = [list]
    const arrays = await post(emu, 'syncRecordValuesMain', { requests: list }, { tokenV2: demo.ownerToken })
    expect(arrays.status).toBe(400)
    await expectAlive(emu, demo.ownerToken, demo.spaceId)
  })

  it('JSON endpoints answer only JSON bodies', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const body = JSON.stringify({ requests: [{ pointer: { table: 'space', id: ada.spaceId }, version: -1 }] })
    const send = (contentType: string | undefined, text = body) =>
      fetch(`${emu.apiUrl}/syncRecordValuesMain`, {
        method: 'POST',
        headers: { cookie: `token_v2=${ada.tokenV2}`, ...(contentType !== undefined ? { 'content-type': contentType } : {}) },
        body: text,
      })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json']) {
      const response = await send(type)
      expect(response.status).toBe(400)
      expect(((await response.json()) as { debugMessage: string }).debugMessage).toContain('Content-Type must be application/json')
    }
    expect((await send('application/json; charset=UTF-8')).status).toBe(200)
    expect((await send('Application/JSON')).status).toBe(200)
    // No body at all needs no type (loadUserContent is often called that way).
    const empty = await fetch(`${emu.apiUrl}/loadUserContent`, { method: 'POST', headers: { cookie: `token_v2=${ada.tokenV2}` } })
    expect(empty.status).toBe(200)
  })

  it('a 500 carries an error id and no internal text', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    // A real internal failure: SQLite loses a table under the tasks endpoint.
    emu.context.db.exec('DROP TABLE tasks')
    const response = await post(emu, 'getTasks', { taskIds: [randomUUID()], spaceId: ada.spaceId }, { tokenV2: ada.tokenV2 })
    expect(response.status).toBe(500)
    expect(response.body).toMatchObject({ isNotionError: true, name: 'UnknownApiError', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(JSON.stringify(response.body)).not.toMatch(/tasks|SQLITE|no such table/i)
    await expectAlive(emu, ada.tokenV2, ada.spaceId)
  })

  it('caps live-update keys per connection and per user, and frees them when a connection closes', async () => {
    const emu = await testEmulator({ messageStore: { limits: { maxKeysPerConnection: 5, maxKeysPerUser: 8 } } })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const keys = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ key: `versions/${from + i}:block`, version: -1 }))
    const first = await connectLive(emu, { tokenV2: ada.tokenV2, transport: 'websocket' })
    const ok = await first.request('/api/v1/registerBatchSubscriptions', { subscriptions: keys(0, 5) })
    expect(ok.status).toBe('ok')
    // Re-registering held keys is free.
    expect((await first.request('/api/v1/registerBatchSubscriptions', { subscriptions: keys(0, 5) })).status).toBe('ok')
    const over = await first.request('/api/v1/registerBatchSubscriptions', { subscriptions: keys(5, 1) })
    expect(over).toMatchObject({ status: 'error', error: { message: expect.stringContaining('at most 5 keys') } })
    const second = await connectLive(emu, { tokenV2: ada.tokenV2, transport: 'websocket' })
    const userCap = await second.request('/api/v1/registerBatchSubscriptions', { subscriptions: keys(10, 4) })
    expect(userCap).toMatchObject({ status: 'error', error: { message: expect.stringContaining('at most 8 keys') } })
    const long = await second.request('/api/v1/registerSubscription', { key: `versions/${'x'.repeat(600)}:block`, version: -1 })
    expect(long.status).toBe('error')
    first.close()
    await first.closed
    // The closed connection's keys went back to the user's budget.
    const deadline = Date.now() + 10_000
    let answer: any
    do answer = await second.request('/api/v1/registerBatchSubscriptions', { subscriptions: keys(10, 4) })
    while (answer.status !== 'ok' && Date.now() < deadline)
    expect(answer.status).toBe('ok')
    second.close()
  })
})

describe('upload slots', () => {
  it('a user holds at most MAX_OPEN_UPLOADS unfilled slots; expired ones are forgotten', async () => {
    let now = 1_700_000_000_000
    const emu = await testEmulator({ now: () => now })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const store = filesOf(emu.context)
    for (let i = 0; i < MAX_OPEN_UPLOADS; i++) store.create({ name: 'a.txt', contentType: 'text/plain', userId: ada.id, maxBytes: 10 })
    const body = { bucket: 'public', name: 'a.txt', contentType: 'text/plain', contentLength: 10 }
    const refused = await post(emu, 'getUploadFileUrl', body, { tokenV2: ada.tokenV2 })
    expect(refused.status).toBe(429)
    expect(refused.body.debugMessage).toContain(`At most ${MAX_OPEN_UPLOADS} upload slots`)
    // Another user is not held up by Ada's slots.
    const grace = emu.createUser({ email: 'grace@example.com' })
    expect((await post(emu, 'getUploadFileUrl', body, { tokenV2: grace.tokenV2 })).status).toBe(200)
    // An hour later the unfilled slots have expired and are gone.
    now += 61 * 60 * 1000
    expect((await post(emu, 'getUploadFileUrl', body, { tokenV2: ada.tokenV2 })).status).toBe(200)
    const left = emu.context.db.prepare('SELECT COUNT(*) AS n FROM files WHERE user_id = ?').get(ada.id) as { n: number }
    expect(left.n).toBe(1)
  })
})
