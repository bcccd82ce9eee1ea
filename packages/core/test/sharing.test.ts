import { describe, expect, it } from 'vitest'
import type { Emulator } from '@notion-rx/emulator'
import { post, testEmulator } from '@notion-rx/emulator/testing'
import type { NotionClient } from '../src/client.js'
import { RecordNotFoundError } from '../src/recordNotFoundError.js'
import type { PagePermissions } from '../src/records/pagePermissions.js'
import { SharingError } from '../src/records/sharingError.js'
import type { Space } from '../src/records/space.js'
import { TransactionRejectedError } from '../src/transport/errors/transactionRejectedError.js'
import { waitFor } from './monitorSupport.js'
import { testClient } from './support/testClient.js'

function firstPage(emu: Emulator, spaceId: string): string {
  return (emu.context.records.get('space', spaceId)?.value['pages'] as string[])[0]!
}

async function team() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
  const bob = emu.createUser({ email: 'bob@example.com', name: 'Bob Byte' })
  const pageId = firstPage(emu, ada.spaceId)
  const owner = testClient(emu, ada)
  return { emu, ada, bob, pageId, owner, page: await owner.client.getPage(pageId) }
}

/** A client without a token_v2 (an empty one sends no cookie): what anyone on the web gets. */
function anonymous(emu: Emulator, monitor = false): NotionClient {
  return testClient(emu, { tokenV2: '' }, monitor ? { monitor: true } : {}).client
}

describe('page.share / unshare', () => {
  it('shares by email with one setPermissionItem, as the share menu sends it; the person then reads the page', async () => {
    const { emu, ada, bob, pageId, owner, page } = await team()
    const user = await page.share('bob@example.com', 'reader')
    expect(user.id).toBe(bob.id)
    expect(user.email).toBe('bob@example.com')
    const sent = owner.log.lastWrite()!
    expect(sent[0]).toEqual({
      pointer: { table: 'block', id: pageId, spaceId: ada.spaceId },
      path: ['permissions'],
      command: 'setPermissionItem',
      args: { type: 'user_permission', role: 'reader', user_id: bob.id },
    })
    // Besides it, only the queue's last_edited_* stamp on the page.
    expect(sent.slice(1).map((op) => Object.keys(op.args as object).sort())).toEqual([['last_edited_by_id', 'last_edited_by_table', 'last_edited_time']])
    expect(page.permissions.users.map(({ userId, role }) => ({ userId, role }))).toContainEqual({ userId: bob.id, role: 'reader' })
    expect(emu.context.records.get('block', pageId)?.value['permissions']).toContainEqual({ type: 'user_permission', role: 'reader', user_id: bob.id })

    const bobs = testClient(emu, bob).client
    const seen = await bobs.getPage(pageId)
    expect(seen.role).toBe('reader')
    expect(seen.title).toBe('Getting Started')
  })

  it('permissions$ follows shares and the public link; unshare takes a person away again', async () => {
    const { bob, page } = await team()
    const seen: PagePermissions[] = []
    const subscription = page.permissions$.subscribe((permissions) => seen.push(permissions))
    await page.share(bob.id, 'read_and_write')
    await page.publish({ allowDuplicate: true })
    await page.unshare('bob@example.com')
    subscription.unsubscribe()
    expect(seen.map((p) => [p.users.map((u) => u.role).sort().join(','), p.public?.role ?? '-'])).toEqual([
      ['editor', '-'],
      ['editor,read_and_write', '-'],
      ['editor,read_and_write', 'reader'],
      ['editor', 'reader'],
    ])
    expect(page.permissions.public).toEqual({ role: 'reader', allowDuplicate: true, searchEngines: false })
  })

  it('refuses bad input before sending anything', async () => {
    const { page, owner } = await team()
    const writes = owner.log.writes
    const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => (SharingError.isSharingError(error) ? error.code : error))
    expect(await refusal(page.share('bob@example.com', 'owner' as never))).toBe('invalid_role')
    expect(await refusal(page.share('bob@example.com', 'none'))).toBe('invalid_role')
    expect(await refusal(page.share('not an email', 'reader'))).toBe('invalid_user')
    expect(await refusal(page.share('nobody@example.com', 'reader', { invite: false }))).toBe('unknown_email')
    expect(await refusal(page.publish({ role: 'editor' as never }))).toBe('invalid_role')
    expect(owner.log.writes).toBe(writes)
  })

  it('a reader cannot share: refused at once from the role in the store, nothing sent', async () => {
    const { emu, bob, page } = await team()
    await page.share(bob.id, 'reader')
    const { client, log } = testClient(emu, bob)
    const seen = await client.getPage(page.id)
    const error = await seen.share('ada@example.com', 'editor').catch((caught: unknown) => caught)
    expect(SharingError.isSharingError(error) && error.code).toBe('no_full_access')
    expect((error as Error).message).toContain('you have reader')
    expect(await seen.publish().catch((caught: unknown) => SharingError.isSharingError(caught) && caught.code)).toBe('no_full_access')
    expect(log.writes).toBe(0)
  })

  it('when the store still says full access, the server refuses and the error is a SharingError with its cause', async () => {
    const { emu, bob, page } = await team()
    await page.share(bob.id, 'editor')
    const { client } = testClient(emu, bob)
    const stale = await client.getPage(page.id)
    expect(stale.role).toBe('editor')
    await page.share(bob.id, 'read_and_write')
    const error = await stale.share('ada@example.com', 'reader').catch((caught: unknown) => caught)
    expect(SharingError.isSharingError(error) && error.code).toBe('no_full_access')
    expect(TransactionRejectedError.isTransactionRejectedError((error as Error).cause)).toBe(true)
    expect(emu.context.records.get('block', page.id)?.value['permissions']).not.toContainEqual(expect.objectContaining({ user_id: undefined }))
  })

  it('shares with an email that has no account yet; its owner signs up and finds the page', async () => {
    const { emu, page } = await team()
    const invited = await page.share('grace@example.com', 'comment_only')
    expect(page.permissions.users.find((share) => share.userId === invited.id)?.role).toBe('comment_only')
    const grace = emu.createUser({ email: 'grace@example.com', name: 'Grace Hopper' })
    expect(grace.id).toBe(invited.id)
    const seen = await testClient(emu, grace).client.getPage(page.id)
    expect(seen.role).toBe('comment_only')
  })
})

describe('page.publish / unpublish', () => {
  it('publishing lets anonymous clients read the page; unpublishing makes their reads fail at once', async () => {
    const { emu, page } = await team()
    await expect(anonymous(emu).getPage(page.id)).rejects.toSatisfy(RecordNotFoundError.isRecordNotFoundError)
    await page.publish({ searchEngines: true })
    expect(page.permissions.public).toEqual({ role: 'reader', allowDuplicate: false, searchEngines: true })
    expect((await post(emu, 'getPublicPageData', { blockId: page.id })).body).toMatchObject({ hasPublicAccess: true, publicAccessRole: 'reader' })
    const visitor = anonymous(emu)
    const seen = await visitor.getPage(page.id)
    expect(seen.title).toBe('Getting Started')
    expect(seen.role).toBe('reader')

    await page.unpublish()
    expect(page.permissions.public).toBeUndefined()
    expect((await post(emu, 'getPublicPageData', { blockId: page.id })).body).toEqual({ publicAccessRole: 'none' })
    await seen.refresh()
    expect(seen.role).toBe('none')
    expect(seen.value).toBeUndefined()
    await expect(anonymous(emu).getPage(page.id)).rejects.toSatisfy(RecordNotFoundError.isRecordNotFoundError)
  })

  it('an anonymous live client hears edits of a published page, and nothing once it is unpublished', async () => {
    const { emu, page } = await team()
    await page.publish()
    const visitor = anonymous(emu, true)
    const seen = await visitor.getPage(page.id)
    const titles: string[] = []
    seen.title$.subscribe((title) => titles.push(title))
    await waitFor(() => visitor.monitor!.state === 'live' && visitor.monitor!.subscriptionKeys().includes(`versions/${page.id}:block`), 'visitor live')
    await waitFor(() => visitor.monitor!.stats.responses >= 1, 'registration answered')
    page.title = 'Live for everyone'
    await waitFor(() => titles.at(-1) === 'Live for everyone', 'the visitor sees the rename')

    await page.unpublish()
    page.title = 'Private again'
    await page.committed
    // The server has the rename; the visitor's subscription was dropped, so it never hears of it.
    expect(emu.context.records.get('block', page.id)?.value['properties']).toEqual({ title: [['Private again']] })
    expect(titles.at(-1)).toBe('Live for everyone')
    await seen.refresh()
    expect(seen.value).toBeUndefined()
  })
})

describe('space.members', () => {
  it('lists the members with their roles and follows changes', async () => {
    const { emu, ada, bob, owner } = await team()
    const space = (await owner.client.getRecord('space', ada.spaceId)) as Space
    expect(space.members.map(({ userId, role }) => ({ userId, role }))).toEqual([{ userId: ada.id, role: 'editor' }])
    const counts: number[] = []
    space.members$.subscribe((members) => counts.push(members.length))
    emu.createUser({ email: 'bob@example.com', spaceId: ada.spaceId, role: 'read_and_write' })
    await space.refresh()
    expect(space.members.map(({ userId, role }) => ({ userId, role }))).toEqual([
      { userId: ada.id, role: 'editor' },
      { userId: bob.id, role: 'read_and_write' },
    ])
    expect(counts).toEqual([1, 2])
    await space.members[0]!.user.load()
    expect(space.members[0]!.user.name).toBe('Ada Lovelace')
  })
})
