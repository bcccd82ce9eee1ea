import { randomUUID } from 'node:crypto'
import { unsavedTransactionsErrorBodySchema } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { CommitEvent } from '../src/writes/commitEvents.js'
import type { Emulator } from '../src/index.js'
import { readRecord } from '../src/testing/readRecord.js'
import { submit } from '../src/testing/submit.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

const NOW = 1_700_000_000_000

/** An emulator with a pinned clock, Ada (owner of a workspace) and the workspace's first page. */
async function setup(options: { now?: () => number } = {}) {
  const emu = await testEmulator({ now: options.now ?? (() => NOW) })
  const ada = emu.createUser({ email: 'ada@example.com' })
  const pages = emu.context.records.get('space', ada.spaceId)?.value['pages'] as string[]
  const pageId = pages[0]!
  return { emu, ada, pageId }
}

function stored(emu: Emulator, table: string, id: string) {
  return emu.context.records.get(table, id)
}

/** Every record of the tables a test may touch, to prove that a rejected write changed nothing. */
function snapshot(emu: Emulator): unknown {
  return ['block', 'space', 'collection', 'notion_user', 'space_view', 'user_root'].map((table) =>
    emu.context.records
      .all(table)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((record) => [record.table, record.id, record.version, record.value]),
  )
}

function newBlockOps(id: string, parentId: string, type = 'text', title = 'hello') {
  return [
    { id, table: 'block', path: [], command: 'set', args: { id, version: 1, alive: true, type, parent_id: parentId, parent_table: 'block' } },
    { id, table: 'block', path: ['properties', 'title'], command: 'set', args: [[title]] },
    { id: parentId, table: 'block', path: ['content'], command: 'listAfter', args: { id } },
  ]
}

function expectUnsaved(response: { status: number; body: any }, failedId: string, errorName = 'ValidationError') {
  expect(response.status).toBe(400)
  const body = unsavedTransactionsErrorBodySchema.parse(response.body)
  expect(body).toMatchObject({ name: 'ValidationError', message: 'Unsaved transactions.' })
  expect(body.clientData.errors).toEqual([{ id: failedId, name: errorName, message: expect.any(String), retryable: false }])
  return body
}

describe('saveTransactions / submitTransaction', () => {
  it('creates a page and blocks from mixed flat and pointer operations, readable via syncRecordValues', async () => {
    const { emu, ada, pageId } = await setup()
    const subPage = randomUUID()
    const child = randomUUID()
    const response = await submit(emu, ada.tokenV2, [
      {
        pointer: { table: 'block', id: subPage, spaceId: ada.spaceId },
        path: [],
        command: 'set',
        args: { id: subPage, type: 'page', alive: true, parent_id: pageId, parent_table: 'block' },
      },
      { pointer: { table: 'block', id: subPage }, path: ['properties'], command: 'update', args: { title: [['Sub page']] } },
      { id: pageId, table: 'block', path: ['content'], command: 'listAfter', args: { id: subPage } },
      // A block under the page created by the first op of this same request.
      ...newBlockOps(child, subPage, 'to_do', 'Ship it'),
      { pointer: { table: 'block', id: child }, path: 'properties.checked', command: 'set', args: [['Yes']] },
    ])
    expect(response.status).toBe(200)
    expect(response.body).toEqual({})

    const page = await readRecord(emu, ada.tokenV2, 'block', subPage)
    expect(page?.role).toBe('editor')
    expect(page?.value).toMatchObject({
      id: subPage,
      version: 1,
      type: 'page',
      properties: { title: [['Sub page']] },
      content: [child],
      space_id: ada.spaceId,
      created_time: NOW,
      created_by_id: ada.id,
      last_edited_time: NOW,
      last_edited_by_id: ada.id,
      last_edited_by_table: 'notion_user',
    })
    const todo = await readRecord(emu, ada.tokenV2, 'block', child)
    expect(todo?.value).toMatchObject({
      version: 1,
      type: 'to_do',
      parent_id: subPage,
      space_id: ada.spaceId,
      properties: { title: [['Ship it']], checked: [['Yes']] },
    })
    const parent = await readRecord(emu, ada.tokenV2, 'block', pageId)
    expect(parent?.value?.['content']).toEqual([expect.any(String), subPage])
    expect(parent?.value?.['version']).toBe(2)
  })

  it('bumps each touched record once per request, however many operations touch it', async () => {
    const { emu, ada, pageId } = await setup()
    const before = stored(emu, 'block', pageId)!.version
    const updates = [1, 2, 3].map((n) => ({ id: pageId, table: 'block', path: ['format'], command: 'update', args: { [`k${n}`]: n } }))
    expect((await submit(emu, ada.tokenV2, updates)).status).toBe(200)
    expect(stored(emu, 'block', pageId)?.version).toBe(before + 1)
    expect(stored(emu, 'block', pageId)?.value['version']).toBe(before + 1)
    expect(stored(emu, 'block', pageId)?.value['format']).toEqual({ k1: 1, k2: 2, k3: 3 })
    expect((await submit(emu, ada.tokenV2, updates.slice(0, 1))).status).toBe(200)
    expect(stored(emu, 'block', pageId)?.version).toBe(before + 2)
    // A client-sent version is ignored: the server owns it.
    await submit(emu, ada.tokenV2, [{ id: pageId, table: 'block', path: ['version'], command: 'set', args: 999 }])
    expect(stored(emu, 'block', pageId)?.value['version']).toBe(before + 3)
  })

  it('stamps last_edited_* on touched blocks with the request time, unless the operations set them', async () => {
    let now = NOW
    const { emu, ada, pageId } = await setup({ now: () => now })
    now = NOW + 60_000
    await submit(emu, ada.tokenV2, [{ id: pageId, table: 'block', path: ['format', 'page_icon'], command: 'set', args: '🚀' }])
    expect(stored(emu, 'block', pageId)?.value).toMatchObject({ last_edited_time: NOW + 60_000, last_edited_by_id: ada.id })
    now = NOW + 120_000
    await submit(emu, ada.tokenV2, [
      { id: pageId, table: 'block', path: [], command: 'update', args: { last_edited_time: 42 } },
    ])
    expect(stored(emu, 'block', pageId)?.value).toMatchObject({ last_edited_time: 42, last_edited_by_id: ada.id })
  })

  it('is all or nothing: one bad operation rejects the request with the real body and changes nothing', async () => {
    const { emu, ada, pageId } = await setup()
    const before = snapshot(emu)
    const txId = randomUUID()
    const response = await submit(
      emu,
      ada.tokenV2,
      [
        { id: pageId, table: 'block', path: ['properties', 'title'], command: 'set', args: [['Changed']] },
        ...newBlockOps(randomUUID(), pageId),
        { id: pageId, table: 'block', path: ['format'], command: 'update', args: ['not', 'an', 'object'] },
      ],
      { transactionId: txId },
    )
    const body = expectUnsaved(response, txId)
    expect(body.clientData.untried).toEqual([])
    expect(response.body.debugMessage).toMatch(/update/)
    expect(snapshot(emu)).toEqual(before)
    expect((await readRecord(emu, ada.tokenV2, 'block', pageId))?.value?.['properties']).toEqual({ title: [['Getting Started']] })
  })

  it('rolls back earlier transactions of the request and names the failing one, the rest untried', async () => {
    const { emu, ada, pageId } = await setup()
    const before = snapshot(emu)
    const [t1, t2, t3] = [randomUUID(), randomUUID(), randomUUID()]
    const response = await post(
      emu,
      'saveTransactionsFanout',
      {
        requestId: randomUUID(),
        transactions: [
          { id: t1, spaceId: ada.spaceId, operations: newBlockOps(randomUUID(), pageId) },
          { id: t2, spaceId: ada.spaceId, operations: [{ id: pageId, table: 'block', path: ['content'], command: 'listAfter', args: { after: 'x' } }] },
          { id: t3, spaceId: ada.spaceId, operations: [{ id: pageId, table: 'block', path: ['alive'], command: 'set', args: false }] },
        ],
      },
      { tokenV2: ada.tokenV2 },
    )
    const body = expectUnsaved(response, t2)
    expect(body.clientData.untried).toEqual([t1, t3])
    expect(snapshot(emu)).toEqual(before)
  })

  it('a bad body is a plain 400 ValidationError, and writes need a token', async () => {
    const { emu, ada, pageId } = await setup()
    const before = snapshot(emu)
    const noTable = await submit(emu, ada.tokenV2, [{ id: pageId, path: [], command: 'update', args: {} }])
    expect(noTable.status).toBe(400)
    expect(noTable.body).toMatchObject({ name: 'ValidationError', message: 'Invalid input.' })
    const noOps = await post(emu, 'submitTransaction', { operation: [] }, { tokenV2: ada.tokenV2 })
    expect(noOps.status).toBe(400)
    const noId = await post(emu, 'saveTransactions', { requestId: 'r', transactions: [{ operations: [] }] }, { tokenV2: ada.tokenV2 })
    expect(noId.status).toBe(400)
    expect(noId.body.debugMessage).toContain('transactions.0.id')
    const garbage = await post(emu, 'saveTransactionsMain', '{"requestId":', { tokenV2: ada.tokenV2 })
    expect(garbage.status).toBe(400)
    const anonymous = await post(emu, 'submitTransaction', {
      operations: [{ id: pageId, table: 'block', path: ['alive'], command: 'set', args: false }],
    })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).toMatchObject({ name: 'UnauthorizedError' })
    // Unsupported commands and __proto__ paths are rejected as unsaved transactions.
    const unsupported = await submit(emu, ada.tokenV2, [{ id: pageId, table: 'block', path: [], command: 'addEdge', args: {} }])
    expect(unsupported.status).toBe(400)
    expect(unsupported.body.clientData.type).toBe('unsaved_transactions')
    const proto = await submit(emu, ada.tokenV2, [{ id: pageId, table: 'block', path: ['__proto__', 'x'], command: 'set', args: 1 }])
    expect(proto.status).toBe(400)
    expect(snapshot(emu)).toEqual(before)
  })

  it('a space reader cannot write: UnauthorizedError in the unsaved_transactions body, nothing changes', async () => {
    const { emu, ada, pageId } = await setup()
    const reader = emu.createUser({ email: 'rita@example.com', spaceId: ada.spaceId, role: 'reader' })
    expect((await readRecord(emu, reader.tokenV2, 'block', pageId))?.role).toBe('reader')
    const before = snapshot(emu)
    const txId = randomUUID()
    const edit = await submit(emu, reader.tokenV2, [{ id: pageId, table: 'block', path: ['properties', 'title'], command: 'set', args: [['Mine']] }], {
      transactionId: txId,
    })
    expectUnsaved(edit, txId, 'UnauthorizedError')
    const createId = randomUUID()
    const create = await submit(emu, reader.tokenV2, newBlockOps(createId, pageId).slice(0, 1))
    expect(create.status).toBe(400)
    expect(create.body.clientData.errors[0].name).toBe('UnauthorizedError')
    const grant = await submit(emu, reader.tokenV2, [
      { id: pageId, table: 'block', path: ['permissions'], command: 'setPermissionItem', args: { type: 'user_permission', user_id: reader.id, role: 'editor' } },
    ])
    expect(grant.status).toBe(400)
    const deleted = await post(emu, 'deleteBlocks', { blockIds: [pageId], permanentlyDelete: true }, { tokenV2: reader.tokenV2 })
    expect(deleted.status).toBe(400)
    expect(deleted.body.clientData.errors[0].name).toBe('UnauthorizedError')
    expect(snapshot(emu)).toEqual(before)
  })

  it('an outsider cannot write, create under a foreign page, or grant itself access with the new record', async () => {
    const { emu, ada, pageId } = await setup()
    const eve = emu.createUser({ email: 'eve@example.com' })
    const before = snapshot(emu)
    const attempts = [
      [{ id: pageId, table: 'block', path: ['alive'], command: 'set', args: false }],
      newBlockOps(randomUUID(), pageId),
      [
        {
          id: randomUUID(),
          table: 'block',
          path: [],
          command: 'set',
          args: { type: 'page', parent_id: pageId, parent_table: 'block', permissions: [{ type: 'user_permission', user_id: eve.id, role: 'editor' }] },
        },
      ],
      [{ id: ada.spaceId, table: 'space', path: ['name'], command: 'set', args: 'pwned' }],
      [{ id: ada.id, table: 'notion_user', path: ['name'], command: 'set', args: 'pwned' }],
      // A brand-new space granting itself editor: spaces are not made by transactions.
      [{ id: randomUUID(), table: 'space', path: [], command: 'set', args: { permissions: [{ type: 'user_permission', user_id: eve.id, role: 'editor' }] } }],
    ]
    for (const operations of attempts) {
      const response = await submit(emu, eve.tokenV2, operations)
      expect(response.status).toBe(400)
      expect(response.body.clientData).toMatchObject({ type: 'unsaved_transactions', errors: [{ name: 'UnauthorizedError' }] })
    }
    expect(snapshot(emu)).toEqual(before)
  })

  it('one operation on a record the user cannot edit rejects the whole request', async () => {
    const { emu, pageId } = await setup()
    const eve = emu.createUser({ email: 'eve@example.com' })
    const evePage = (stored(emu, 'space', eve.spaceId)?.value['pages'] as string[])[0]!
    const before = snapshot(emu)
    const response = await submit(emu, eve.tokenV2, [
      { id: evePage, table: 'block', path: ['properties', 'title'], command: 'set', args: [['ok']] },
      { id: pageId, table: 'block', path: ['properties', 'title'], command: 'set', args: [['not ok']] },
    ])
    expect(response.status).toBe(400)
    expect(snapshot(emu)).toEqual(before)
    // Nor may a block of one's own be moved under a page one cannot edit.
    const ownChild = (stored(emu, 'block', evePage)?.value['content'] as string[])[0]!
    const move = await submit(emu, eve.tokenV2, [
      { id: ownChild, table: 'block', path: [], command: 'setParent', args: { parentId: pageId, parentTable: 'block' } },
    ])
    expect(move.status).toBe(400)
    expect(snapshot(emu)).toEqual(before)
    // A record that does not exist yet and names no parent belongs to nobody: rejected too.
    const orphan = await submit(emu, eve.tokenV2, [{ id: randomUUID(), table: 'block', path: ['x'], command: 'set', args: 1 }])
    expect(orphan.status).toBe(400)
    expect(snapshot(emu)).toEqual(before)
  })

  it('a page shared with setPermissionItem becomes editable for that user, and only that page', async () => {
    const { emu, ada, pageId } = await setup()
    const eve = emu.createUser({ email: 'eve@example.com' })
    const shared = randomUUID()
    await submit(emu, ada.tokenV2, [
      ...newBlockOps(shared, pageId, 'page', 'Shared'),
      { id: shared, table: 'block', path: ['permissions'], command: 'setPermissionItem', args: { type: 'user_permission', user_id: eve.id, role: 'editor' } },
    ])
    const child = randomUUID()
    expect((await submit(emu, eve.tokenV2, newBlockOps(child, shared))).status).toBe(200)
    expect(stored(emu, 'block', child)?.value).toMatchObject({ parent_id: shared, space_id: ada.spaceId, created_by_id: eve.id })
    expect(stored(emu, 'block', shared)?.value).toMatchObject({ content: [child], last_edited_by_id: eve.id })
    const outside = await submit(emu, eve.tokenV2, [{ id: pageId, table: 'block', path: ['alive'], command: 'set', args: false }])
    expect(outside.status).toBe(400)
    expect(stored(emu, 'block', pageId)?.value['alive']).toBe(true)
  })

  it('applies a repeated requestId or transaction id once', async () => {
    const { emu, ada, pageId } = await setup()
    const version = stored(emu, 'block', pageId)!.version
    const blockId = randomUUID()
    const requestId = randomUUID()
    const transactionId = randomUUID()
    const ops = newBlockOps(blockId, pageId)
    for (let i = 0; i < 3; i++) {
      const response = await submit(emu, ada.tokenV2, ops, { requestId, transactionId })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({})
    }
    // Same transaction id in a new request (a client retrying with a fresh requestId).
    expect((await submit(emu, ada.tokenV2, ops, { transactionId })).status).toBe(200)
    expect(stored(emu, 'block', pageId)?.version).toBe(version + 1)
    expect(stored(emu, 'block', pageId)?.value['content']).toEqual([expect.any(String), blockId])
    expect(stored(emu, 'block', blockId)?.version).toBe(1)

    // submitTransaction: deduplicated by transactionId or requestId, not without either.
    const bump = { operations: [{ id: pageId, table: 'block', path: ['format'], command: 'update', args: { n: 1 } }] }
    const submitTx = (body: object) => post(emu, 'submitTransaction', { ...bump, ...body }, { tokenV2: ada.tokenV2 })
    const v0 = stored(emu, 'block', pageId)!.version
    const txId = randomUUID()
    await submitTx({ transactionId: txId })
    await submitTx({ transactionId: txId })
    expect(stored(emu, 'block', pageId)?.version).toBe(v0 + 1)
    const reqId = randomUUID()
    await submitTx({ requestId: reqId })
    await submitTx({ requestId: reqId })
    expect(stored(emu, 'block', pageId)?.version).toBe(v0 + 2)
    await submitTx({})
    await submitTx({})
    expect(stored(emu, 'block', pageId)?.version).toBe(v0 + 4)
  })

  it('a rejected request is not remembered: its retry is applied', async () => {
    const { emu, ada, pageId } = await setup()
    const requestId = randomUUID()
    const transactionId = randomUUID()
    const ops = [{ id: pageId, table: 'block', path: ['format'], command: 'update', args: { icon: 'x' } }]
    emu.setFaults({ rejectWrites: true })
    expect((await submit(emu, ada.tokenV2, ops, { requestId, transactionId })).status).toBe(400)
    emu.setFaults({})
    expect((await submit(emu, ada.tokenV2, ops, { requestId, transactionId })).status).toBe(200)
    expect(stored(emu, 'block', pageId)?.value['format']).toEqual({ icon: 'x' })
  })

  it('the rejectWrites fault rejects every write with the real body and changes nothing', async () => {
    const { emu, ada, pageId } = await setup()
    const before = snapshot(emu)
    emu.setFaults({ rejectWrites: true })
    const transactionId = randomUUID()
    const response = await submit(emu, ada.tokenV2, newBlockOps(randomUUID(), pageId), { transactionId })
    expectUnsaved(response, transactionId)
    const legacy = await post(emu, 'submitTransaction', { operations: [] }, { tokenV2: ada.tokenV2 })
    expect(legacy.body.clientData.type).toBe('unsaved_transactions')
    const deleted = await post(emu, 'deleteBlocks', { blockIds: [pageId] }, { tokenV2: ada.tokenV2 })
    expect(deleted.status).toBe(400)
    expect(deleted.body.clientData.type).toBe('unsaved_transactions')
    expect(snapshot(emu)).toEqual(before)
    // Reads still work.
    expect((await readRecord(emu, ada.tokenV2, 'block', pageId))?.role).toBe('editor')
  })
})

describe('deleteBlocks', () => {
  it('soft-deletes: alive false, out of the parent content, both versions bumped', async () => {
    const { emu, ada, pageId } = await setup()
    const blockId = randomUUID()
    await submit(emu, ada.tokenV2, newBlockOps(blockId, pageId))
    const pageVersion = stored(emu, 'block', pageId)!.version
    const response = await post(emu, 'deleteBlocks', { blockIds: [blockId] }, { tokenV2: ada.tokenV2 })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({})
    const block = await readRecord(emu, ada.tokenV2, 'block', blockId)
    expect(block?.value).toMatchObject({ alive: false, version: 2, last_edited_by_id: ada.id })
    expect(stored(emu, 'block', pageId)?.value['content']).not.toContain(blockId)
    expect(stored(emu, 'block', pageId)?.version).toBe(pageVersion + 1)
  })

  it('permanently deletes the blocks and their descendants and detaches them from the parent', async () => {
    const { emu, ada, pageId } = await setup()
    const sub = randomUUID()
    const child = randomUUID()
    const grandchild = randomUUID()
    const sibling = randomUUID()
    await submit(emu, ada.tokenV2, [
      ...newBlockOps(sub, pageId, 'page'),
      ...newBlockOps(child, sub),
      ...newBlockOps(grandchild, child),
      ...newBlockOps(sibling, pageId),
    ])
    const pageVersion = stored(emu, 'block', pageId)!.version
    const events: CommitEvent[] = []
    const stop = emu.context.events.subscribe((event) => events.push(event))
    const response = await post(emu, 'deleteBlocks', { blockIds: [sub, 'no-such-block'], permanentlyDelete: true }, { tokenV2: ada.tokenV2 })
    stop()
    expect(response.status).toBe(200)
    for (const id of [sub, child, grandchild]) {
      expect(stored(emu, 'block', id)).toBeUndefined()
      expect((await readRecord(emu, ada.tokenV2, 'block', id))?.role).toBe('none')
    }
    expect(stored(emu, 'block', sibling)?.value['alive']).toBe(true)
    expect(stored(emu, 'block', pageId)?.value['content']).toEqual([expect.any(String), sibling])
    expect(stored(emu, 'block', pageId)?.version).toBe(pageVersion + 1)
    expect(events).toHaveLength(1)
    const changed = events[0]!.records.map((r) => [r.table, r.id, r.version]).sort()
    expect(changed).toEqual(
      [
        ['block', sub, 2],
        ['block', child, 2],
        ['block', grandchild, 2],
        ['block', pageId, pageVersion + 1],
      ].sort(),
    )
    // Retrying is harmless.
    expect((await post(emu, 'deleteBlocks', { blockIds: [sub], permanentlyDelete: true }, { tokenV2: ada.tokenV2 })).status).toBe(200)
  })
})

describe('commit events', () => {
  it('announces each committed record once with its new version, space and collections', async () => {
    const { emu, ada, pageId } = await setup()
    const events: CommitEvent[] = []
    const stop = emu.context.events.subscribe((event) => events.push(event))
    const [collA, collB, row] = [randomUUID(), randomUUID(), randomUUID()]
    const collection = (id: string) => ({
      id,
      table: 'collection',
      path: [],
      command: 'set',
      args: { id, parent_id: pageId, parent_table: 'block', schema: { title: { name: 'Name', type: 'title' } } },
    })
    await submit(emu, ada.tokenV2, [
      collection(collA),
      collection(collB),
      { id: row, table: 'block', path: [], command: 'set', args: { type: 'page', alive: true, parent_id: pageId, parent_table: 'block' } },
      { id: row, table: 'block', path: [], command: 'setParent', args: { parentId: collA, parentTable: 'collection' } },
    ])
    await submit(emu, ada.tokenV2, [
      { pointer: { table: 'block', id: row, spaceId: ada.spaceId }, path: [], command: 'setParent', args: { parentId: collB, parentTable: 'collection' } },
    ])
    // A rejected request announces nothing.
    await submit(emu, ada.tokenV2, [{ id: row, table: 'block', path: [], command: 'update', args: 5 }])
    stop()
    expect(events).toHaveLength(2)
    expect(events[0]!.userId).toBe(ada.id)
    const first = Object.fromEntries(events[0]!.records.map((r) => [r.id, r]))
    expect(Object.keys(first).sort()).toEqual([collA, collB, row].sort())
    expect(first[row]).toEqual({ table: 'block', id: row, version: 1, spaceId: ada.spaceId, collectionIds: [collA] })
    expect(first[collA]).toMatchObject({ table: 'collection', version: 1, spaceId: ada.spaceId })
    expect(events[1]!.records).toEqual([{ table: 'block', id: row, version: 2, spaceId: ada.spaceId, collectionIds: [collA, collB], accessChanged: true }])
    // Collections are not blocks: no last_edited stamp, but their version is the server's.
    expect(stored(emu, 'collection', collA)?.value['last_edited_time']).toBeUndefined()
  })
})
