import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { readRecord } from '../src/testing/readRecord.js'
import { submit } from '../src/testing/submit.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'
import { connectLive, expectSilence } from './support/messageStoreClient.js'

const REGISTER_BATCH = '/api/v1/registerBatchSubscriptions'

function firstPage(emu: Emulator, spaceId: string): string {
  return (emu.context.records.get('space', spaceId)?.value['pages'] as string[])[0]!
}

/** A setPermissionItem on a block, in the web app's pointer form. */
function permission(pageId: string, spaceId: string, args: Record<string, unknown>) {
  return { pointer: { table: 'block', id: pageId, spaceId }, path: ['permissions'], command: 'setPermissionItem', args }
}

/** The name of the failing transaction's error in an unsaved_transactions answer. */
function rejection(response: { status: number; body: any }): string | undefined {
  return response.status === 200 ? undefined : response.body?.clientData?.errors?.[0]?.name
}

async function team() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
  const bob = emu.createUser({ email: 'bob@example.com', name: 'Bob' })
  const carol = emu.createUser({ email: 'carol@example.com', name: 'Carol' })
  return { emu, ada, bob, carol, page: firstPage(emu, ada.spaceId) }
}

describe('sharing a page (setPermissionItem)', () => {
  it('full access shares; the person then reads the page with that role', async () => {
    const { emu, ada, bob, page } = await team()
    expect((await readRecord(emu, bob.tokenV2, 'block', page))?.role).toBe('none')
    const shared = await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'reader', user_id: bob.id })])
    expect(shared.status).toBe(200)
    expect(emu.context.records.get('block', page)?.value['permissions']).toContainEqual({ type: 'user_permission', role: 'reader', user_id: bob.id })
    const seen = await readRecord(emu, bob.tokenV2, 'block', page)
    expect(seen?.role).toBe('reader')
    expect(seen?.value?.['id']).toBe(page)
    // role none removes the entry again.
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'none', user_id: bob.id })])
    expect((await readRecord(emu, bob.tokenV2, 'block', page))?.role).toBe('none')
  })

  it.each(['reader', 'comment_only', 'read_and_write'] as const)('a %s cannot share, unshare or publish', async (role) => {
    const { emu, ada, bob, carol, page } = await team()
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role, user_id: bob.id })])
    const before = emu.context.records.get('block', page)!
    for (const args of [
      { type: 'user_permission', role: 'reader', user_id: carol.id },
      { type: 'user_permission', role: 'none', user_id: ada.id },
      { type: 'user_permission', role: 'editor', user_id: bob.id },
      { type: 'public_permission', role: 'reader' },
    ]) {
      expect(rejection(await submit(emu, bob.tokenV2, [permission(page, ada.spaceId, args)]))).toBe('UnauthorizedError')
    }
    // Nor by rewriting the whole list with a plain set.
    expect(rejection(await submit(emu, bob.tokenV2, [{ pointer: { table: 'block', id: page }, path: ['permissions'], command: 'set', args: [] }]))).toBe(
      'UnauthorizedError',
    )
    expect(emu.context.records.get('block', page)?.version).toBe(before.version)
    expect((await readRecord(emu, carol.tokenV2, 'block', page))?.role).toBe('none')
  })

  it('an editor (full access) the owner shared with may share further', async () => {
    const { emu, ada, bob, carol, page } = await team()
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'editor', user_id: bob.id })])
    expect((await submit(emu, bob.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'reader', user_id: carol.id })])).status).toBe(200)
    expect((await readRecord(emu, carol.tokenV2, 'block', page))?.role).toBe('reader')
  })

  it('an outsider cannot publish, nor create a public subpage under a page they can only edit', async () => {
    const { emu, ada, bob, page } = await team()
    expect(rejection(await submit(emu, bob.tokenV2, [permission(page, ada.spaceId, { type: 'public_permission', role: 'reader' })]))).toBe('UnauthorizedError')
    expect((await post(emu, 'getPublicPageData', { blockId: page })).body).toEqual({ publicAccessRole: 'none' })
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'read_and_write', user_id: bob.id })])
    const sub = '5d2f2b1e-0f55-4d8b-9e55-35c1c2a1f001'
    const create = {
      pointer: { table: 'block', id: sub },
      path: [],
      command: 'set',
      args: { id: sub, type: 'page', alive: true, parent_id: page, parent_table: 'block', permissions: [{ type: 'public_permission', role: 'reader' }] },
    }
    expect(rejection(await submit(emu, bob.tokenV2, [create]))).toBe('UnauthorizedError')
    expect(emu.context.records.get('block', sub)).toBeUndefined()
  })

  it('refuses malformed entries: unknown roles and types, users that do not exist, a published workspace', async () => {
    const { emu, ada, page } = await team()
    for (const args of [
      { type: 'user_permission', role: 'owner', user_id: ada.id },
      { type: 'user_permission', role: 'reader', user_id: '00000000-0000-4000-8000-000000000000' },
      { type: 'friends_permission', role: 'reader' },
      { type: 'public_permission', role: { read_content: true } },
    ]) {
      expect(rejection(await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, args)]))).toBe('ValidationError')
    }
    const space = { pointer: { table: 'space', id: ada.spaceId }, path: ['permissions'], command: 'setPermissionItem', args: { type: 'public_permission', role: 'reader' } }
    expect(rejection(await submit(emu, ada.tokenV2, [space]))).toBe('ValidationError')
  })

  it('only a workspace admin (editor) changes who is a member', async () => {
    const { emu, ada, carol } = await team()
    const member = emu.createUser({ email: 'member@example.com', spaceId: ada.spaceId, role: 'read_and_write' })
    const add = { pointer: { table: 'space', id: ada.spaceId }, path: ['permissions'], command: 'setPermissionItem', args: { type: 'user_permission', role: 'editor', user_id: carol.id } }
    expect(rejection(await submit(emu, member.tokenV2, [add]))).toBe('UnauthorizedError')
    expect((await submit(emu, ada.tokenV2, [add])).status).toBe(200)
    expect((await readRecord(emu, carol.tokenV2, 'space', ada.spaceId))?.role).toBe('editor')
  })
})

describe('publishing (public_permission) and getPublicPageData', () => {
  it('reflects publishing and unpublishing at once, for anonymous reads and page data', async () => {
    const { emu, ada, page } = await team()
    const publish = permission(page, ada.spaceId, { type: 'public_permission', role: 'reader', allow_duplicate: true, allow_search_engine_indexing: false })
    expect((await submit(emu, ada.tokenV2, [publish])).status).toBe(200)
    const data = (await post(emu, 'getPublicPageData', { blockId: page })).body
    expect(data).toMatchObject({ hasPublicAccess: true, publicAccessRole: 'reader', requireLogin: false, spaceId: ada.spaceId, pageId: page })
    expect((await readRecord(emu, undefined, 'block', page))?.role).toBe('reader')
    const chunk = await post(emu, 'loadPageChunk', { pageId: page, limit: 50, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false })
    expect(JSON.stringify(chunk.body)).toContain('Welcome to your workspace.')

    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'public_permission', role: 'none' })])
    expect((await post(emu, 'getPublicPageData', { blockId: page })).body).toEqual({ publicAccessRole: 'none' })
    expect((await readRecord(emu, undefined, 'block', page))?.role ?? 'none').toBe('none')
    const after = await post(emu, 'loadPageChunk', { pageId: page, limit: 50, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false })
    expect(JSON.stringify(after.body)).not.toContain('Welcome to your workspace.')
  })

  it('getPublicPageData tells a person shared with the page that they have explicit access', async () => {
    const { emu, ada, bob, page } = await team()
    expect((await post(emu, 'getPublicPageData', { blockId: page }, { tokenV2: bob.tokenV2 })).body).toMatchObject({ userHasExplicitAccess: false, canRequestAccess: true })
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'reader', user_id: bob.id })])
    expect((await post(emu, 'getPublicPageData', { blockId: page }, { tokenV2: bob.tokenV2 })).body).toMatchObject({ userHasExplicitAccess: true, canRequestAccess: false })
  })
})

describe.each(['websocket', 'polling'] as const)('live subscriptions lose what their session may no longer read (%s)', (transport) => {
  it('unpublishing drops an anonymous subscription at once: later changes are never announced to it', async () => {
    const { emu, ada, page } = await team()
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'public_permission', role: 'reader' })])
    const anonymous = await connectLive(emu, { transport })
    const key = `versions/${page}:block`
    await anonymous.request(REGISTER_BATCH, { subscriptions: [{ key, version: -1 }] })
    const rename = (title: string) => submit(emu, ada.tokenV2, [{ pointer: { table: 'block', id: page }, path: ['properties', 'title'], command: 'set', args: [[title]] }])
    await rename('Public')
    expect(await anonymous.next((value) => value?.type === 'notification' && value.key === key)).toMatchObject({ key })

    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'public_permission', role: 'none' })])
    // Published again: a subscription still held would be notified of this rename; a dropped one is not.
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'public_permission', role: 'reader' })])
    const seen = anonymous.received.length
    await rename('Public again')
    await expectSilence(anonymous, (value) => value?.type === 'notification' && anonymous.received.indexOf(value) >= seen, 400)
    // Registering again is answered as for any reader.
    const again = await anonymous.request(REGISTER_BATCH, { subscriptions: [{ key, version: 1 }] })
    expect(again.result.responses).toEqual([{ key, wasNotified: true }])
    anonymous.close()
  })

  it('unsharing drops a logged-in reader\'s subscription, while keys never readable stay registered', async () => {
    const { emu, ada, bob, page } = await team()
    const dora = emu.createUser({ email: 'dora@example.com' })
    const other = firstPage(emu, dora.spaceId)
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'reader', user_id: bob.id })])
    const live = await connectLive(emu, { transport, tokenV2: bob.tokenV2 })
    const key = `versions/${page}:block`
    await live.request(REGISTER_BATCH, { subscriptions: [{ key, version: -1 }, { key: `versions/${other}:block`, version: -1 }] })
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'none', user_id: bob.id })])
    await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'reader', user_id: bob.id })])
    const seen = live.received.length
    await submit(emu, ada.tokenV2, [{ pointer: { table: 'block', id: page }, path: ['properties', 'title'], command: 'set', args: [['x']] }])
    await expectSilence(live, (value) => value?.type === 'notification' && live.received.indexOf(value) >= seen, 400)
    // Dora's page was never readable to Bob: its key stayed, and speaks once she shares it.
    await submit(emu, dora.tokenV2, [permission(other, dora.spaceId, { type: 'user_permission', role: 'reader', user_id: bob.id })])
    await submit(emu, dora.tokenV2, [{ pointer: { table: 'block', id: other }, path: ['properties', 'title'], command: 'set', args: [['shared']] }])
    expect(await live.next((value) => value?.type === 'notification' && value.key === `versions/${other}:block`)).toMatchObject({ type: 'notification' })
    live.close()
  })
})

describe('finding and inviting people by email', () => {
  it('findUser answers the user\'s public fields, or nothing for an unknown email; both need a login', async () => {
    const { emu, ada, bob } = await team()
    const found = await post(emu, 'findUser', { email: 'BOB@example.com' }, { tokenV2: ada.tokenV2 })
    expect(found.body).toEqual({ value: { role: 'reader', value: expect.objectContaining({ id: bob.id, email: 'bob@example.com', name: 'Bob' }) } })
    expect(Object.keys(found.body.value.value).sort()).toEqual(['email', 'family_name', 'given_name', 'id', 'name', 'version'])
    expect((await post(emu, 'findUser', { email: 'nobody@example.com' }, { tokenV2: ada.tokenV2 })).body).toEqual({})
    expect((await post(emu, 'findUser', { email: 'bob@example.com' })).status).toBe(401)
    expect((await post(emu, 'createEmailUser', { email: 'new@example.com' })).status).toBe(401)
  })

  it('createEmailUser makes an account a page can be shared with; signing up later takes it over', async () => {
    const { emu, ada, bob, page } = await team()
    expect((await post(emu, 'createEmailUser', { email: 'bob@example.com' }, { tokenV2: ada.tokenV2 })).body).toEqual({ userId: bob.id })
    const created = await post(emu, 'createEmailUser', { email: 'grace@example.com', preferredLocale: 'en-US' }, { tokenV2: ada.tokenV2 })
    const graceId = created.body.userId as string
    expect(typeof graceId).toBe('string')
    expect((await post(emu, 'findUser', { email: 'grace@example.com' }, { tokenV2: bob.tokenV2 })).body.value.value.id).toBe(graceId)
    expect((await submit(emu, ada.tokenV2, [permission(page, ada.spaceId, { type: 'user_permission', role: 'reader', user_id: graceId })])).status).toBe(200)
    const grace = emu.createUser({ email: 'grace@example.com', name: 'Grace Hopper' })
    expect(grace.id).toBe(graceId)
    expect((await readRecord(emu, grace.tokenV2, 'block', page))?.role).toBe('reader')
    expect((await readRecord(emu, grace.tokenV2, 'notion_user', graceId))?.value?.['name']).toBe('Grace Hopper')
    expect((await post(emu, 'createEmailUser', { email: 'not an email' }, { tokenV2: ada.tokenV2 })).status).toBe(400)
  })
})
