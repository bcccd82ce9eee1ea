import { randomUUID } from 'node:crypto'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { readRecord } from './support/readRecord.js'
import { submit } from './support/submit.js'
import { post, testEmulator } from './support/testEmulator.js'

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
