import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS } from '../src/http/endpointRegistry.js'
import { readRecord } from '../src/testing/readRecord.js'
import { testEmulator } from '../src/testing/testEmulator.js'

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
const table = fc.oneof(fc.constantFrom('block', 'space', 'notion_user', 'collection', '__proto__', 'constructor'), scalar)
const pointer = fc.record({ table, id: fc.oneof(fc.constantFrom(...STRINGS), fc.uuid(), scalar) })
const version = fc.oneof(fc.constant(-1), fc.integer({ min: -1, max: 3 }), scalar)
const syncBody = fc.record({ requests: fc.array(fc.oneof(fc.record({ pointer, version }), fc.record({ table, id: fc.constantFrom(...STRINGS), version }), node), { maxLength: 4 }) })
const operation = fc.record({
  pointer,
  path: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...KEYS), scalar), { maxLength: 3 }), scalar),
  command: fc.constantFrom('set', 'update', 'listAfter', 'listRemove', 'setParent', 'setPermissionItem', 'bogus'),
  args: node,
})
const writeBody = fc.oneof(
  fc.record({ operations: fc.array(operation, { maxLength: 3 }), requestId: fc.uuid() }),
  fc.record({ requestId: fc.uuid(), transactions: fc.array(fc.record({ id: fc.uuid(), spaceId: scalar, operations: fc.array(operation, { maxLength: 3 }) }), { maxLength: 2 }) }),
)
const pageBody = fc.record({ pageId: fc.oneof(fc.constantFrom(...STRINGS), fc.uuid()), limit: fc.oneof(fc.integer({ min: 0, max: 100 }), scalar), cursor: fc.oneof(fc.record({ stack: fc.array(node, { maxLength: 2 }) }), node), chunkNumber: fc.nat(3), verticalColumns: fc.boolean() })
const queryBody = fc.record({ collection: fc.record({ id: fc.oneof(fc.constantFrom(...STRINGS), scalar) }), collectionView: fc.record({ id: fc.oneof(fc.constantFrom(...STRINGS), scalar) }), loader: fc.oneof(fc.record({ type: fc.constant('reducer'), reducers: fc.dictionary(fc.constantFrom(...KEYS), node, { maxKeys: 3 }), filter: node, sort: node }), node) })
const signBody = fc.record({ urls: fc.array(fc.record({ url: fc.oneof(fc.constantFrom('attachment:00000000-0000-4000-8000-000000000000:x', 'https://example.com/a'), scalar), permissionRecord: pointer }), { maxLength: 3 }) })
const uploadBody = fc.record({ bucket: fc.oneof(fc.constantFrom('public', 'secure'), scalar), name: fc.oneof(fc.constantFrom('a.txt', '../../etc/passwd', '__proto__'), scalar), contentType: fc.oneof(fc.constant('text/plain'), scalar), contentLength: fc.oneof(fc.nat(), scalar), record: pointer })
const otherBody = fc.oneof(
  fc.record({ blockIds: fc.array(fc.oneof(fc.constantFrom(...STRINGS), fc.uuid()), { maxLength: 3 }), permanentlyDelete: fc.boolean() }),
  fc.record({ blockId: fc.oneof(fc.constantFrom(...STRINGS), fc.uuid()) }),
  fc.record({ query: fc.oneof(fc.constantFrom(...STRINGS), scalar), spaceId: scalar, type: fc.constantFrom('BlocksInSpace', 'BlocksInAncestor'), limit: fc.nat(50), filters: node }),
  fc.record({ task: fc.record({ eventName: fc.constantFrom('exportBlock', 'bogus'), request: node }), taskIds: fc.array(scalar, { maxLength: 2 }) }),
)
/** A body for the endpoint: near its real shape most of the time, so validation lets it through to the handler. */
function bodyFor(name: string): fc.Arbitrary<unknown> {
  if (name.startsWith('syncRecordValues') || name === 'getRecordValues' || name === 'loadCachedPageChunkV2') return fc.oneof({ weight: 4, arbitrary: syncBody }, { weight: 1, arbitrary: node })
  if (name === 'submitTransaction' || name.startsWith('saveTransactions')) return fc.oneof({ weight: 4, arbitrary: writeBody }, { weight: 1, arbitrary: node })
  if (name.startsWith('loadPageChunk') || name.startsWith('loadCachedPageChunk')) return fc.oneof({ weight: 4, arbitrary: pageBody }, { weight: 1, arbitrary: node })
  if (name === 'queryCollection') return fc.oneof({ weight: 4, arbitrary: queryBody }, { weight: 1, arbitrary: node })
  if (name === 'getSignedFileUrls') return fc.oneof({ weight: 4, arbitrary: signBody }, { weight: 1, arbitrary: node })
  if (name.startsWith('getUpload')) return fc.oneof({ weight: 4, arbitrary: uploadBody }, { weight: 1, arbitrary: node })
  return fc.oneof(otherBody, node)
}

describe('hostile bodies on every endpoint (seeded fuzz)', () => {
  it('never answers 5xx, never stops serving, never pollutes a prototype', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const names = ENDPOINTS.map((endpoint) => endpoint.name)
    const tally = { tried: 0, ok: 0, refused: 0, failed: 0, crashed: 0 }
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), bodyFor(name))), fc.boolean(), async ([name, body], anonymous) => {
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
