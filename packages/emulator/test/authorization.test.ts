import { randomUUID } from 'node:crypto'
import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { readRecord } from '../src/testing/readRecord.js'
import { submit } from '../src/testing/submit.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

function firstPage(emu: Emulator, spaceId: string): string {
  return (emu.context.records.get('space', spaceId)?.value['pages'] as string[])[0]!
}

function newBlock(id: string, parent: { id: string; table: string }, extra: Record<string, unknown> = {}) {
  return {
    pointer: { table: 'block', id },
    path: [],
    command: 'set',
    args: { id, type: 'text', alive: true, parent_id: parent.id, parent_table: parent.table, ...extra },
  }
}

async function twoWorkspaces() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
  const mallory = emu.createUser({ email: 'mallory@example.com', name: 'Mallory' })
  return { emu, ada, mallory, adaPage: firstPage(emu, ada.spaceId), malloryPage: firstPage(emu, mallory.spaceId) }
}

describe('a record\'s space follows its parent', () => {
  it('an outsider cannot plant a block in another space by naming its space_id', async () => {
    const { emu, ada, mallory } = await twoWorkspaces()
    const planted = randomUUID()
    // Under Mallory's own notion_user record (editable by her), naming Ada's space.
    const response = await submit(emu, mallory.tokenV2, [newBlock(planted, { id: mallory.id, table: 'notion_user' }, { space_id: ada.spaceId })], {
      spaceId: ada.spaceId,
    })
    if (response.status === 200) {
      expect(emu.context.records.get('block', planted)?.spaceId).not.toBe(ada.spaceId)
      expect(emu.context.records.get('block', planted)?.value['space_id']).toBeUndefined()
    }
    expect((await readRecord(emu, ada.tokenV2, 'block', planted))?.role).toBe('none')
    const found = await post(emu, 'search', { type: 'BlocksInSpace', query: '', spaceId: ada.spaceId, limit: 100 }, { tokenV2: ada.tokenV2 })
    expect(JSON.stringify(found.body)).not.toContain(planted)
  })

  it('a space_id written on a new block under a page is replaced by the page\'s space', async () => {
    const { emu, ada, mallory, malloryPage } = await twoWorkspaces()
    const id = randomUUID()
    const response = await submit(emu, mallory.tokenV2, [newBlock(id, { id: malloryPage, table: 'block' }, { space_id: ada.spaceId })])
    expect(response.status).toBe(200)
    expect(emu.context.records.get('block', id)?.spaceId).toBe(mallory.spaceId)
    expect(emu.context.records.get('block', id)?.value['space_id']).toBe(mallory.spaceId)
    // Nor can an existing block be re-homed by a set on space_id.
    await submit(emu, mallory.tokenV2, [{ pointer: { table: 'block', id }, path: ['space_id'], command: 'set', args: ada.spaceId }])
    expect(emu.context.records.get('block', id)?.spaceId).toBe(mallory.spaceId)
    expect((await readRecord(emu, ada.tokenV2, 'block', id))?.role).toBe('none')
  })

  it('moving a block to a page of another space moves it and its descendants (collection, rows) there', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const second = emu.createUser({ email: 'ada+team@example.com' })
    // Ada is an editor of both workspaces.
    const team = emu.context.records.get('space', second.spaceId)!
    emu.context.records.put('space', team.id, {
      ...team.value,
      permissions: [...(team.value['permissions'] as unknown[]), { type: 'user_permission', role: 'editor', user_id: ada.id }],
    })
    const from = firstPage(emu, ada.spaceId)
    const to = firstPage(emu, second.spaceId)
    const moved = randomUUID()
    const child = randomUUID()
    const grandchild = randomUUID()
    const created = await submit(emu, ada.tokenV2, [
      newBlock(moved, { id: from, table: 'block' }, { type: 'page' }),
      newBlock(child, { id: moved, table: 'block' }),
      newBlock(grandchild, { id: child, table: 'block' }),
    ])
    expect(created.status).toBe(200)
    expect(emu.context.records.get('block', grandchild)?.spaceId).toBe(ada.spaceId)
    const move = await submit(emu, ada.tokenV2, [
      { pointer: { table: 'block', id: from }, path: ['content'], command: 'listRemove', args: { id: moved } },
      { pointer: { table: 'block', id: moved }, path: [], command: 'update', args: { parent_id: to, parent_table: 'block' } },
      { pointer: { table: 'block', id: to }, path: ['content'], command: 'listAfter', args: { id: moved } },
    ])
    expect(move.status).toBe(200)
    for (const id of [moved, child, grandchild]) {
      expect(emu.context.records.get('block', id)?.spaceId).toBe(second.spaceId)
      expect(emu.context.records.get('block', id)?.value['space_id']).toBe(second.spaceId)
    }
    const inSpace = emu.context.records.inSpace(second.spaceId, 'block').map((record) => record.id)
    expect(inSpace).toEqual(expect.arrayContaining([moved, child, grandchild]))
  })
})

describe('files are signed for the record they were uploaded for', () => {
  async function upload(emu: Emulator, tokenV2: string, record: { table: string; id: string; spaceId?: string }, bytes = 'secret') {
    const slot = await post(emu, 'getUploadFileUrl', { bucket: 'public', name: 'a.txt', contentType: 'text/plain', contentLength: bytes.length, record }, { tokenV2 })
    expect(slot.status).toBe(200)
    const form = new FormData()
    for (const [name, value] of Object.entries(slot.body.fields as Record<string, string>)) form.append(name, value)
    form.append('file', new Blob([bytes], { type: 'text/plain' }), 'a.txt')
    const stored = await fetch(slot.body.signedUploadPostUrl, { method: 'POST', body: form })
    expect(stored.status).toBe(204)
    return slot.body.url as string
  }

  it('knowing a file id and writing it into one\'s own block signs nothing', async () => {
    const { emu, ada, mallory, adaPage, malloryPage } = await twoWorkspaces()
    const attachment = await upload(emu, ada.tokenV2, { table: 'block', id: adaPage, spaceId: ada.spaceId })
    const own = await post(emu, 'getSignedFileUrls', { urls: [{ url: attachment, permissionRecord: { table: 'block', id: adaPage } }] }, { tokenV2: ada.tokenV2 })
    expect(own.body.signedUrls[0]).toMatch(/^http/)
    // Mallory mentions the file in her own block, which she can read.
    const bait = randomUUID()
    await submit(emu, mallory.tokenV2, [newBlock(bait, { id: malloryPage, table: 'block' }, { properties: { source: [[attachment]] } })])
    for (const permissionRecord of [{ table: 'block', id: bait }, { table: 'block', id: malloryPage }, { table: 'space', id: mallory.spaceId }]) {
      const stolen = await post(emu, 'getSignedFileUrls', { urls: [{ url: attachment, permissionRecord }] }, { tokenV2: mallory.tokenV2 })
      expect(stolen.body.signedUrls).toEqual([''])
    }
    const anonymous = await post(emu, 'getSignedFileUrls', { urls: [{ url: attachment, permissionRecord: { table: 'block', id: adaPage } }] })
    expect(anonymous.body.signedUrls).toEqual([''])
  })

  it('a teammate who can read the block the file was uploaded for gets it signed', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const grace = emu.createUser({ email: 'grace@example.com', spaceId: ada.spaceId, role: 'reader' })
    const page = firstPage(emu, ada.spaceId)
    const attachment = await upload(emu, ada.tokenV2, { table: 'block', id: page, spaceId: ada.spaceId })
    const signed = await post(emu, 'getSignedFileUrls', { urls: [{ url: attachment, permissionRecord: { table: 'block', id: page } }] }, { tokenV2: grace.tokenV2 })
    expect(signed.body.signedUrls[0]).toMatch(/^http/)
  })

  it('a slot for a record not yet created takes the named space only if the caller may edit there', async () => {
    const { emu, ada, mallory } = await twoWorkspaces()
    const future = randomUUID()
    const attachment = await upload(emu, mallory.tokenV2, { table: 'block', id: future, spaceId: ada.spaceId })
    const file = emu.context.db.prepare('SELECT space_id, record_id FROM files WHERE id = ?').get(attachment.split(':')[1]) as { space_id: string | null; record_id: string }
    expect(file).toEqual({ space_id: null, record_id: future })
  })
})

describe('the declared upload size is enforced', () => {
  it('signs a content-length-range of the declared size and refuses a larger body', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const slot = await post(emu, 'getUploadFileUrl', { bucket: 'public', name: 'a.bin', contentType: 'application/octet-stream', contentLength: 10 }, { tokenV2: ada.tokenV2 })
    const policy = JSON.parse(Buffer.from(slot.body.fields.Policy ?? slot.body.fields.policy, 'base64').toString('utf8'))
    expect(policy.conditions).toContainEqual(['content-length-range', 0, 10])
    const form = new FormData()
    for (const [name, value] of Object.entries(slot.body.fields as Record<string, string>)) form.append(name, value)
    form.append('file', new Blob([Buffer.alloc(64 * 1024)]), 'a.bin')
    const stored = await fetch(slot.body.signedUploadPostUrl, { method: 'POST', body: form })
    expect(stored.status).toBe(400)
    expect(await stored.text()).toContain('EntityTooLarge')
  })

  it('holds the signed PUT of the older upload mode to the declared size too', async () => {
    const emu = await testEmulator({ uploads: 'put' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const slot = await post(emu, 'getUploadFileUrl', { bucket: 'secure', name: 'a.bin', contentType: 'application/octet-stream', contentLength: 10 }, { tokenV2: ada.tokenV2 })
    const put = await fetch(slot.body.signedPutUrl, { method: 'PUT', body: Buffer.alloc(1024) })
    expect(put.status).toBeGreaterThanOrEqual(400)
    const fits = await fetch(slot.body.signedPutUrl, { method: 'PUT', body: Buffer.alloc(10) })
    expect(fits.status).toBe(200)
  })
})

describe('account identity', () => {
  it('other users\' emails reach only members of a common space', async () => {
    const { emu, ada, mallory, malloryPage } = await twoWorkspaces()
    // Mallory mentions Ada's user id in her own page, then loads it.
    const mention = randomUUID()
    await submit(emu, mallory.tokenV2, [
      newBlock(mention, { id: malloryPage, table: 'block' }, { properties: { title: [['‣', [['u', ada.id]]]] } }),
      { pointer: { table: 'block', id: malloryPage }, path: ['content'], command: 'listAfter', args: { id: mention } },
    ])
    const chunk = await post(
      emu,
      'loadPageChunk',
      { pageId: malloryPage, limit: 50, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false },
      { tokenV2: mallory.tokenV2 },
    )
    expect(chunk.status).toBe(200)
    const profile = normalizeRecordMap(chunk.body.recordMap).notion_user?.[ada.id]
    expect(profile?.value?.['name']).toBe('Ada Lovelace')
    expect(profile?.value?.['email']).toBeUndefined()
    expect(JSON.stringify(chunk.body)).not.toContain('ada@example.com')
    // A teammate sees it.
    const grace = emu.createUser({ email: 'grace@example.com', spaceId: ada.spaceId })
    expect((await readRecord(emu, grace.tokenV2, 'notion_user', ada.id))?.value?.['email']).toBe('ada@example.com')
  })

  it('a user cannot take another user\'s email through a transaction', async () => {
    const { emu, ada, mallory } = await twoWorkspaces()
    for (const op of [
      { pointer: { table: 'notion_user', id: mallory.id }, path: ['email'], command: 'set', args: 'ada@example.com' },
      { pointer: { table: 'notion_user', id: mallory.id }, path: [], command: 'update', args: { email: 'ADA@example.com' } },
      { pointer: { table: 'notion_user', id: mallory.id }, path: ['email'], command: 'set', args: null },
    ]) {
      const response = await submit(emu, mallory.tokenV2, [op])
      expect(response.status).toBe(400)
      expect(response.body.clientData.errors[0].name).toBe('UnauthorizedError')
    }
    expect(emu.context.accounts.findUserByEmail('ada@example.com')).toBe(ada.id)
    expect(emu.context.records.get('notion_user', mallory.id)?.value['email']).toBe('mallory@example.com')
    // Other profile fields stay hers to edit.
    const rename = await submit(emu, mallory.tokenV2, [{ pointer: { table: 'notion_user', id: mallory.id }, path: ['given_name'], command: 'set', args: 'M.' }])
    expect(rename.status).toBe(200)
  })
})
