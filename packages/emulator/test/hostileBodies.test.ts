import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS } from '../src/http/endpointRegistry.js'
import { readRecord } from './support/readRecord.js'
import { testEmulator } from './support/testEmulator.js'

const KEYS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'table', 'id', 'pointer', 'requests', 'operations', 'transactions',
  'args', 'path', 'command', 'spaceId', 'space_id', 'parent_id', 'parent_table', 'query', 'record', 'version', 'blockIds',
  'loader', 'filter', 'filters', 'reducers', 'urls', 'url', 'permissionRecord', 'collection', 'collectionView', 'pageId',
  'cursor', 'stack', 'limit', 'email', 'taskIds', 'task', 'bucket', 'name', 'contentType', 'contentLength', 'type',
]
const STRINGS = ['__proto__', 'constructor', 'block', 'space', 'notion_user', 'collection', 'query', 'record', '', '-1', 'attachment:x:y', '//[::1', '\u0000', 'set', 'update', 'listAfter']

const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...STRINGS), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))
const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 }),
  ),
}))
/** Bodies near the real shapes, so validation passes often enough to reach the handlers. */
const pointer = fc.record({ table: fc.oneof(scalar, fc.constantFrom('block', 'space', '__proto__')), id: fc.oneof(scalar, fc.uuid()) })
const shaped = fc.oneof(
  fc.record({ requests: fc.array(fc.oneof(fc.record({ pointer, version: scalar }), pointer, node), { maxLength: 4 }) }),
  fc.record({ operations: fc.array(fc.record({ pointer, path: fc.oneof(fc.array(scalar, { maxLength: 3 }), scalar), command: fc.constantFrom('set', 'update', 'listAfter', 'listRemove', 'setParent', 'bogus'), args: node }), { maxLength: 3 }), requestId: fc.uuid() }),
  fc.record({ requestId: fc.uuid(), transactions: fc.array(fc.record({ id: fc.uuid(), spaceId: scalar, operations: fc.array(node, { maxLength: 3 }) }), { maxLength: 2 }) }),
  fc.record({ pageId: fc.oneof(scalar, fc.uuid()), limit: scalar, cursor: node, chunkNumber: scalar, verticalColumns: fc.boolean() }),
  fc.record({ collection: fc.record({ id: scalar }), collectionView: fc.record({ id: scalar }), loader: node }),
  fc.record({ urls: fc.array(fc.record({ url: scalar, permissionRecord: pointer }), { maxLength: 3 }) }),
  fc.record({ bucket: scalar, name: scalar, contentType: scalar, contentLength: scalar, record: pointer }),
  node,
)

describe('hostile bodies on every endpoint (seeded fuzz)', () => {
  it('never answers 5xx, never stops serving, never pollutes a prototype', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const names = ENDPOINTS.map((endpoint) => endpoint.name)
    const tally = { tried: 0, ok: 0, refused: 0, failed: 0, crashed: 0 }
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), shaped, fc.boolean(), async (name, body, anonymous) => {
        tally.tried++
        let status: number
        try {
          const response = await fetch(`${emu.apiUrl}/${name}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(anonymous ? {} : { cookie: `token_v2=${demo.ownerToken}` }) },
            body: JSON.stringify(body),
          })
          status = response.status
          await response.arrayBuffer()
        } catch {
          tally.crashed++
          throw new Error(`${name}: no answer to ${JSON.stringify(body).slice(0, 300)}`)
        }
        if (status < 300) tally.ok++
        else if (status < 500) tally.refused++
        if (status >= 500) {
          tally.failed++
          failures.push(`${name} ${status} ${JSON.stringify(body).slice(0, 300)}`)
        }
        expect(Object.keys(Object.prototype)).toEqual([])
      }),
      { seed: 20261203, numRuns: 1500, endOnFailure: true },
    )
    // The server is alive and the workspace still reads.
    expect((await readRecord(emu, demo.ownerToken, 'space', demo.spaceId))?.role).toBe('editor')
    console.info(`hostile bodies: tried ${tally.tried} (2xx ${tally.ok}, 4xx ${tally.refused}), 5xx ${tally.failed}, crashed ${tally.crashed}`)
    expect(failures).toEqual([])
  }, 120_000)
})
