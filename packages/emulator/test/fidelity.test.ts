import { randomUUID } from 'node:crypto'
import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

// Answers a client nobody here wrote relies on, each with the evidence for what real Notion does.

async function demoWorkspace(): Promise<{ emu: Emulator; demo: NonNullable<Emulator['demo']>; ada: { tokenV2: string } }> {
  const emu = await testEmulator({ seed: 'demo' })
  const demo = emu.demo!
  return { emu, demo, ada: { tokenV2: demo.ownerToken } }
}

function putBlock(emu: Emulator, spaceId: string, parentId: string, value: Record<string, unknown>): string {
  const id = randomUUID()
  emu.context.records.put('block', id, {
    id,
    version: 1,
    alive: true,
    parent_id: parentId,
    parent_table: 'block',
    space_id: spaceId,
    ...value,
  })
  return id
}

describe('getBacklinksForBlock: old-style aliases (notion-py "Tweaks to get_backlinks to handle children referencing parents")', () => {
  it("lists a block whose content holds the page's id, with that block as parent_block_id", async () => {
    const { emu, demo, ada } = await demoWorkspace()
    // notion-py's children.add_alias(page): listAfter of the page's id into another block's content.
    const container = putBlock(emu, demo.spaceId, demo.homePageId, { type: 'page', properties: { title: [['Links']] }, content: [demo.meetingNotesPageId] })
    const response = await post(emu, 'getBacklinksForBlock', { blockId: demo.meetingNotesPageId }, ada)
    expect(response.status).toBe(200)
    expect(response.body.backlinks).toContainEqual({ block_id: demo.meetingNotesPageId, mentioned_from: { type: 'alias', parent_block_id: container } })
    expect(Object.keys(normalizeRecordMap(response.body.recordMap).block ?? {})).toContain(container)
  })

  it("does not list a page's own parent, whose content holds it as a real child", async () => {
    const { emu, demo, ada } = await demoWorkspace()
    const home = emu.context.records.get('block', demo.homePageId)!
    expect(home.value['content']).toContain(demo.meetingNotesPageId)
    const response = await post(emu, 'getBacklinksForBlock', { blockId: demo.meetingNotesPageId }, ada)
    const containers = (response.body.backlinks as { mentioned_from: { parent_block_id?: string } }[]).map((link) => link.mentioned_from.parent_block_id)
    expect(containers).not.toContain(demo.homePageId)
  })
})

describe('queryCollection pointers (notion-py sends "spaceId": null for a database it just created)', () => {
  it('reads a null spaceId as absent', async () => {
    const { emu, demo, ada } = await demoWorkspace()
    const body = {
      collection: { id: demo.tasksCollectionId, spaceId: null },
      collectionView: { id: demo.tasksViewIds.table, spaceId: null },
      loader: { type: 'reducer', reducers: { collection_group_results: { type: 'results', limit: 50 } }, searchQuery: '', userTimeZone: 'UTC' },
    }
    const response = await post(emu, 'queryCollection', body, ada)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.result.reducerResults.collection_group_results.blockIds.length).toBeGreaterThan(0)
  })
})

describe("queryCollection's recordMap (kjk/notionapi's recorded 2022 exchanges: ancestors, no view record)", () => {
  it('carries the database block and its ancestors up to the top-level page, and no collection_view table', async () => {
    const { emu, demo, ada } = await demoWorkspace()
    // Move the database one level deeper so that it has more than one ancestor.
    const section = putBlock(emu, demo.spaceId, demo.homePageId, { type: 'page', properties: { title: [['Section']] }, content: [demo.tasksBlockId] })
    const tasks = emu.context.records.get('block', demo.tasksBlockId)!
    emu.context.records.put('block', demo.tasksBlockId, { ...tasks.value, parent_id: section })
    const response = await post(
      emu,
      'queryCollection',
      {
        collection: { id: demo.tasksCollectionId },
        collectionView: { id: demo.tasksViewIds.table },
        loader: { type: 'reducer', reducers: { collection_group_results: { type: 'results', limit: 50 } }, searchQuery: '', userTimeZone: 'UTC' },
      },
      ada,
    )
    expect(response.status).toBe(200)
    const map = normalizeRecordMap(response.body.recordMap)
    const blocks = Object.keys(map.block ?? {})
    expect(blocks).toEqual(expect.arrayContaining([demo.tasksBlockId, section, demo.homePageId]))
    for (const id of response.body.result.reducerResults.collection_group_results.blockIds) expect(blocks).toContain(id)
    expect(map.collection_view).toBeUndefined()
    expect(Object.keys(map.collection ?? {})).toEqual([demo.tasksCollectionId])
  })
})

describe('getPublicPageData for a block that no longer exists (notion-py reads {} as hard-deleted)', () => {
  it('answers {} to a logged-in caller and {"publicAccessRole":"none"} to an anonymous one', async () => {
    const { emu, ada } = await demoWorkspace()
    const gone = randomUUID()
    const loggedIn = await post(emu, 'getPublicPageData', { blockId: gone }, ada)
    expect(loggedIn.status).toBe(200)
    expect(loggedIn.body).toEqual({})
    const anonymous = await post(emu, 'getPublicPageData', { blockId: gone })
    expect(anonymous.body).toEqual({ publicAccessRole: 'none' })
  })
})

describe('the file store answers as S3 does (AccessDenied XML for an unsigned GET)', () => {
  it('an unsigned or wrongly signed GET is a 403 with an S3 <Error> body, not Notion JSON', async () => {
    const emu = await testEmulator({ uploads: 'put' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const slot = await post(emu, 'getUploadFileUrl', { bucket: 'secure', name: 'a.txt', contentType: 'text/plain' }, ada)
    expect((await fetch(slot.body.signedPutUrl, { method: 'PUT', body: 'private bytes' })).status).toBe(200)
    for (const url of [slot.body.url, `${slot.body.signedGetUrl}0`]) {
      const response = await fetch(url)
      expect(response.status).toBe(403)
      expect(response.headers.get('content-type')).toBe('application/xml')
      const body = await response.text()
      expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><RequestId>[0-9a-f-]{36}<\/RequestId><\/Error>$/)
      expect(body).not.toContain('private bytes')
    }
    const head = await fetch(slot.body.url, { method: 'HEAD' })
    expect(head.status).toBe(403)
    expect(await head.text()).toBe('')
  })
})

describe('placeholders tell a stranger nothing (the issue: no spaceId in an anonymous stub)', () => {
  it("an anonymous reader of a private page gets a none stub without the page's space", async () => {
    const { emu, demo } = await demoWorkspace()
    const response = await post(emu, 'loadPageChunk', { pageId: demo.homePageId, limit: 30, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false })
    expect(response.status).toBe(200)
    expect(response.body.recordMap.block[demo.homePageId]).toEqual({ value: { role: 'none' } })
    expect(JSON.stringify(response.body)).not.toContain(demo.spaceId)
  })
})

describe('the envelope per request, and a strict "today\'s Notion" mode (chosen by base URL)', () => {
  const chunk = (demo: NonNullable<Emulator['demo']>) => ({ pageId: demo.homePageId, limit: 30, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false })

  async function postAt(base: string, endpoint: string, body: unknown, tokenV2?: string) {
    const response = await fetch(`${base}/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(tokenV2 ? { cookie: `token_v2=${tokenV2}` } : {}) },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    let parsed: any = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // HTML 404s stay text.
    }
    return { status: response.status, body: parsed }
  }

  it('one emulator answers flat at /flat/api/v3 and nested at /nested/api/v3, at the same time', async () => {
    const { emu, demo, ada } = await demoWorkspace()
    expect(emu.apiUrlFor({ envelope: 'flat' })).toBe(`${emu.url}/flat/api/v3`)
    const [flat, nested, plain] = await Promise.all([
      postAt(emu.apiUrlFor({ envelope: 'flat' }), 'loadPageChunk', chunk(demo), ada.tokenV2),
      postAt(emu.apiUrlFor({ envelope: 'nested' }), 'loadPageChunk', chunk(demo), ada.tokenV2),
      postAt(emu.apiUrl, 'loadPageChunk', chunk(demo), ada.tokenV2),
    ])
    // Flat (pre-2025): {role, value}; nested (today): {spaceId, value: {role, value}} and __version__: 3.
    expect(flat.body.recordMap.__version__).toBeUndefined()
    expect(flat.body.recordMap.block[demo.homePageId]).toMatchObject({ role: 'editor', value: { id: demo.homePageId } })
    expect(nested.body.recordMap.__version__).toBe(3)
    expect(nested.body.recordMap.block[demo.homePageId]).toMatchObject({ spaceId: demo.spaceId, value: { role: 'editor', value: { id: demo.homePageId } } })
    // Without a word the emulator's default (nested) holds.
    expect(plain.body.recordMap).toEqual(nested.body.recordMap)
  })

  it('strict: syncRecordValues is the 404 real Notion gives most callers since 2025-08 (react-notion-x #661); its successor works', async () => {
    const { emu, demo, ada } = await demoWorkspace()
    const strict = emu.apiUrlFor({ strict: true })
    const requests = [{ pointer: { table: 'block', id: demo.homePageId }, version: -1 }]
    const retired = await postAt(strict, 'syncRecordValues', { requests }, ada.tokenV2)
    expect(retired.status).toBe(404)
    expect(retired.body).toContain('Cannot POST /api/v3/syncRecordValues')
    const main = await postAt(strict, 'syncRecordValuesMain', { requests }, ada.tokenV2)
    expect(main.status).toBe(200)
    expect(main.body.recordMap.__version__).toBe(3)
    // Outside strict mode the old endpoint still answers, as it does for some callers.
    expect((await postAt(emu.apiUrl, 'syncRecordValues', { requests }, ada.tokenV2)).status).toBe(200)
  })

  it('strict: getTasks needs spaceId (Notion 2026: 400 without it) and only the public upload bucket is accepted', async () => {
    const emu = await testEmulator({ seed: 'demo', uploads: 'put' })
    const demo = emu.demo!
    const strict = emu.apiUrlFor({ strict: true })
    expect((await postAt(strict, 'getTasks', { taskIds: [] }, demo.ownerToken)).status).toBe(400)
    expect((await postAt(strict, 'getTasks', { taskIds: [], spaceId: demo.spaceId }, demo.ownerToken)).body).toEqual({ results: [] })
    expect((await postAt(emu.apiUrl, 'getTasks', { taskIds: [] }, demo.ownerToken)).status).toBe(200)
    const secure = { bucket: 'secure', name: 'a.txt', contentType: 'text/plain' }
    expect((await postAt(strict, 'getUploadFileUrl', secure, demo.ownerToken)).status).toBe(400)
    expect((await postAt(emu.apiUrl, 'getUploadFileUrl', secure, demo.ownerToken)).status).toBe(200)
  })

  it('other words, repeated words or both envelopes are not API paths (404)', async () => {
    const { emu, ada } = await demoWorkspace()
    for (const prefix of ['/json', '/flat/flat', '/flat/nested', '/strict/strict', '/a/b/c/d']) {
      const response = await postAt(`${emu.url}${prefix}/api/v3`, 'loadUserContent', {}, ada.tokenV2)
      expect(response.status, prefix).toBe(404)
    }
  })
})

describe("users named by a public page (react-notion-x and splitbee's notion-api-worker read authors without a token)", () => {
  async function withPublicPage() {
    const { emu, demo } = await demoWorkspace()
    const outsider = emu.createUser({ email: 'linus@example.com', name: 'Linus' })
    const reads = (tokenV2?: string) => {
      const auth = tokenV2 === undefined ? {} : { tokenV2 }
      return {
        getRecordValues: (ids: string[]) => post(emu, 'getRecordValues', { requests: ids.map((id) => ({ table: 'notion_user', id })) }, auth),
        sync: (ids: string[]) => post(emu, 'syncRecordValuesMain', { requests: ids.map((id) => ({ pointer: { table: 'notion_user', id }, version: -1 })) }, auth),
      }
    }
    const publish = () => {
      const pageId = randomUUID()
      emu.context.records.put('block', pageId, {
        id: pageId,
        version: 1,
        type: 'page',
        alive: true,
        parent_id: demo.spaceId,
        parent_table: 'space',
        space_id: demo.spaceId,
        created_by_id: demo.ownerId,
        created_by_table: 'notion_user',
        permissions: [{ role: 'reader', type: 'public_permission' }],
        properties: { title: [['Changelog']] },
      })
      // Grace is named only as a mention inside the public page.
      putBlock(emu, demo.spaceId, pageId, { type: 'text', properties: { title: [['Reviewed by '], ['‣', [['u', demo.memberId]]]] } })
    }
    return { emu, demo, outsider, reads, publish }
  }

  it('anonymous getRecordValues and syncRecordValuesMain answer the public profile (no email) of the authors and mentions of a public page', async () => {
    const { demo, outsider, reads, publish } = await withPublicPage()
    const anonymous = reads()
    // The workspace is private: nobody outside it learns its users.
    expect((await anonymous.getRecordValues([demo.ownerId])).body.results).toEqual([{ role: 'none' }])
    publish()
    const legacy = await anonymous.getRecordValues([demo.ownerId, demo.memberId, outsider.id])
    expect(legacy.status).toBe(200)
    expect(legacy.body.results).toEqual([
      { role: 'reader', value: expect.objectContaining({ id: demo.ownerId, name: 'Ada Lovelace' }) },
      { role: 'reader', value: expect.objectContaining({ id: demo.memberId, name: 'Grace Hopper' }) },
      { role: 'none' },
    ])
    const synced = await anonymous.sync([demo.ownerId, demo.memberId, outsider.id])
    const users = normalizeRecordMap(synced.body.recordMap).notion_user ?? {}
    expect(users[demo.ownerId]).toEqual({ role: 'reader', value: expect.objectContaining({ name: 'Ada Lovelace' }) })
    expect(users[demo.memberId]).toEqual({ role: 'reader', value: expect.objectContaining({ name: 'Grace Hopper' }) })
    expect(users[outsider.id]).toEqual({ role: 'none' })
    for (const body of [legacy.body, synced.body]) {
      expect(JSON.stringify(body)).not.toContain('@example.com')
      expect(JSON.stringify(body)).not.toContain(demo.spaceId)
    }
  })

  it('a logged-in stranger gets the same public profile; a member of the space still reads the whole record', async () => {
    const { demo, outsider, reads, publish } = await withPublicPage()
    publish()
    const stranger = await reads(outsider.tokenV2).getRecordValues([demo.ownerId])
    expect(stranger.body.results[0]).toEqual({ role: 'reader', value: expect.not.objectContaining({ email: expect.anything() }) })
    expect(stranger.body.results[0].value.name).toBe('Ada Lovelace')
    const member = await reads(demo.memberToken).getRecordValues([demo.ownerId])
    expect(member.body.results[0]).toEqual({ role: 'reader', value: expect.objectContaining({ email: demo.ownerEmail }) })
  })

  it('looks up at most 50 users per request this way (each lookup reads records); later ones are none stubs', async () => {
    const { emu, demo, reads, publish } = await withPublicPage()
    publish()
    const strangers = Array.from({ length: 50 }, (_, i) => emu.createUser({ email: `stranger${i}@example.com` }).id)
    const first = (await reads().getRecordValues([demo.ownerId, ...strangers])).body.results as { role: string }[]
    expect(first[0]!.role).toBe('reader')
    const late = (await reads().getRecordValues([...strangers, demo.ownerId])).body.results as { role: string }[]
    expect(late.map((result) => result.role)).toEqual(Array(51).fill('none'))
  })
})
