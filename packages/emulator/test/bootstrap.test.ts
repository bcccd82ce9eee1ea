import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

function putPage(emu: Emulator, id: string, spaceId: string, extra: Record<string, unknown> = {}): void {
  emu.context.records.put('block', id, {
    id,
    version: 1,
    type: 'page',
    alive: true,
    parent_id: spaceId,
    parent_table: 'space',
    space_id: spaceId,
    properties: { title: [[id]] },
    ...extra,
  })
}

describe('loadUserContent', () => {
  it('returns the user, their root, settings, space views, spaces and top-level pages of readable spaces', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
    const bob = emu.createUser({ email: 'bob@example.com', name: 'Bob' })
    const carol = emu.createUser({ email: 'carol@example.com', name: 'Carol' })
    // Ada also joins Bob's space; Carol's stays private to Carol.
    emu.createUser({ email: 'ada@example.com', spaceId: bob.spaceId, role: 'reader' })
    // A private top-level page of Ada's that is not in space.pages, and a deleted one.
    putPage(emu, 'ada-private', ada.spaceId)
    putPage(emu, 'ada-deleted', ada.spaceId, { alive: false })

    const response = await post(emu, 'loadUserContent', {}, { tokenV2: ada.tokenV2 })
    expect(response.status).toBe(200)
    expect(response.body.recordMap.__version__).toBe(3)
    const map = normalizeRecordMap(response.body.recordMap)
    expect(Object.keys(map.notion_user ?? {})).toEqual([ada.id])
    expect(map.notion_user?.[ada.id]).toMatchObject({ role: 'editor', value: { email: 'ada@example.com' } })
    expect(map.user_root?.[ada.id]?.role).toBe('editor')
    expect(map.user_settings?.[ada.id]?.value?.['settings']).toMatchObject({ locale: 'en-US' })
    expect(Object.keys(map.space ?? {}).sort()).toEqual([ada.spaceId, bob.spaceId].sort())
    expect(map.space?.[bob.spaceId]?.role).toBe('reader')
    const views = Object.values(map.space_view ?? {})
    expect(views.map((view) => view.value?.['space_id']).sort()).toEqual([ada.spaceId, bob.spaceId].sort())

    const adaPages = emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[]
    const bobPages = emu.context.records.get('space', bob.spaceId)!.value['pages'] as string[]
    const carolPages = emu.context.records.get('space', carol.spaceId)!.value['pages'] as string[]
    const blocks = Object.keys(map.block ?? {})
    expect(blocks.sort()).toEqual([...adaPages, 'ada-private', ...bobPages].sort())
    expect(blocks).not.toContain(carolPages[0])
    // Only top-level pages: the welcome text inside "Getting Started" is not there.
    expect(Object.values(map.block ?? {}).every((entry) => entry.value?.['parent_table'] === 'space')).toBe(true)
  })

  it('needs a login, and uses the flat envelope when configured', async () => {
    const emu = await testEmulator({ envelope: 'flat' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const anonymous = await post(emu, 'loadUserContent', {})
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).toMatchObject({ name: 'UnauthorizedError' })
    const badBody = await post(emu, 'loadUserContent', '[1, 2', { tokenV2: ada.tokenV2 })
    expect(badBody.status).toBe(400)
    const response = await post(emu, 'loadUserContent', {}, { tokenV2: ada.tokenV2 })
    expect(response.body.recordMap.__version__).toBeUndefined()
    expect(response.body.recordMap.notion_user[ada.id]).toEqual({ role: 'editor', value: expect.objectContaining({ id: ada.id }) })
  })

  it('follows the active-user header', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const work = emu.createUser({ email: 'ada@work.example', tokenV2: ada.tokenV2 })
    const response = await post(emu, 'loadUserContent', {}, { tokenV2: ada.tokenV2, activeUser: work.id })
    const map = normalizeRecordMap(response.body.recordMap)
    expect(Object.keys(map.notion_user ?? {})).toEqual([work.id])
    expect(Object.keys(map.space ?? {})).toEqual([work.spaceId])
  })
})

describe('getSpaces', () => {
  it('answers for every user of the token, each with their own record map', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const work = emu.createUser({ email: 'ada@work.example', tokenV2: ada.tokenV2 })
    const other = emu.createUser({ email: 'someone@example.com' })

    // The active-user header picks the caller, not the answer: the switcher needs every account.
    const response = await post(emu, 'getSpaces', {}, { tokenV2: ada.tokenV2, activeUser: work.id })
    expect(response.status).toBe(200)
    expect(Object.keys(response.body).sort()).toEqual([ada.id, work.id].sort())
    for (const user of [ada, work]) {
      const wire = response.body[user.id]
      expect(wire.__version__).toBe(3)
      expect(wire.notion_user[user.id].value.value.id).toBe(user.id)
      const map = normalizeRecordMap(wire)
      expect(Object.keys(map.space ?? {})).toEqual([user.spaceId])
      expect(map.space?.[user.spaceId]?.role).toBe('editor')
      expect(map.user_root?.[user.id]?.role).toBe('editor')
      expect(Object.values(map.space_view ?? {}).map((view) => view.value?.['space_id'])).toEqual([user.spaceId])
    }
    expect(JSON.stringify(response.body)).not.toContain(other.spaceId)

    const single = await post(emu, 'getSpaces', {}, { tokenV2: other.tokenV2 })
    expect(Object.keys(single.body)).toEqual([other.id])
  })

  it('flat envelope has no __version__; anonymous is 401', async () => {
    const emu = await testEmulator({ envelope: 'flat' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const response = await post(emu, 'getSpaces', {}, { tokenV2: ada.tokenV2 })
    expect(response.body[ada.id].__version__).toBeUndefined()
    expect(response.body[ada.id].notion_user[ada.id].value.email).toBe('ada@example.com')
    expect(response.body[ada.id].space[ada.spaceId]).toMatchObject({ role: 'editor', value: { id: ada.spaceId } })
    expect((await post(emu, 'getSpaces', {})).status).toBe(401)
  })
})

describe('getPublicPageData', () => {
  async function setup() {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada' })
    const records = emu.context.records
    const space = records.get('space', ada.spaceId)!
    records.put('space', ada.spaceId, { ...space.value, domain: 'ada', icon: '🚀' })
    putPage(emu, 'private', ada.spaceId, { content: ['private-text'] })
    putPage(emu, 'public', ada.spaceId, {
      content: ['public-text'],
      permissions: [{ role: 'reader', type: 'public_permission', added_timestamp: 1 }],
    })
    records.put('block', 'public-text', {
      id: 'public-text',
      version: 1,
      type: 'text',
      alive: true,
      parent_id: 'public',
      parent_table: 'block',
      space_id: ada.spaceId,
    })
    return { emu, ada }
  }

  it('tells an anonymous caller nothing but publicAccessRole none about a private or missing page', async () => {
    const { emu } = await setup()
    for (const blockId of ['private', '00000000-0000-0000-0000-000000000000']) {
      const response = await post(emu, 'getPublicPageData', { blockId })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ publicAccessRole: 'none' })
    }
  })

  it('describes a public page to anyone, in both body forms', async () => {
    const { emu, ada } = await setup()
    const expected = {
      spaceId: ada.spaceId,
      spaceName: "Ada's Notion",
      spaceDomain: 'ada',
      icon: '🚀',
      ownerUserId: ada.id,
      betaEnabled: false,
      canJoinSpace: false,
      canRequestAccess: false,
      hasPublicAccess: true,
      userHasExplicitAccess: false,
      publicAccessRole: 'reader',
      requireLogin: false,
      pageId: 'public',
    }
    expect((await post(emu, 'getPublicPageData', { blockId: 'public' })).body).toEqual(expected)
    const web = await post(emu, 'getPublicPageData', {
      type: 'block-space',
      name: 'page',
      blockId: 'public-text',
      requestedOnPublicDomain: false,
      showMoveTo: false,
      saveParent: false,
      shouldDuplicate: false,
      projectManagementLaunch: false,
      configureOpenInDesktopApp: false,
      mobileData: { isPush: false },
    })
    // A block inside the page answers for its page.
    expect(web.body).toEqual(expected)
  })

  it('tells members they have explicit access, and outsiders they may request it', async () => {
    const { emu, ada } = await setup()
    const member = await post(emu, 'getPublicPageData', { blockId: 'private' }, { tokenV2: ada.tokenV2 })
    expect(member.body).toMatchObject({
      spaceId: ada.spaceId,
      userHasExplicitAccess: true,
      canRequestAccess: false,
      hasPublicAccess: false,
      publicAccessRole: 'none',
      requireLogin: true,
      pageId: 'private',
    })
    const eve = emu.createUser({ email: 'eve@example.com' })
    const outsider = await post(emu, 'getPublicPageData', { blockId: 'private' }, { tokenV2: eve.tokenV2 })
    expect(outsider.body).toMatchObject({ userHasExplicitAccess: false, canRequestAccess: true, canJoinSpace: false, publicAccessRole: 'none' })
    // A page shared with Eve directly is explicit access without membership.
    putPage(emu, 'shared', ada.spaceId, { permissions: [{ role: 'reader', type: 'user_permission', user_id: eve.id }] })
    const shared = await post(emu, 'getPublicPageData', { blockId: 'shared' }, { tokenV2: eve.tokenV2 })
    expect(shared.body).toMatchObject({ userHasExplicitAccess: true, canRequestAccess: false })
  })

  it('rejects bodies without a blockId', async () => {
    const { emu } = await setup()
    for (const body of [{}, { blockId: '' }, { blockId: 7 }, { type: 'block-space', name: 'page' }]) {
      const response = await post(emu, 'getPublicPageData', body)
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ name: 'ValidationError', message: 'Invalid input.' })
    }
  })
})
