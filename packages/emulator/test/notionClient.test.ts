import { NotionAPI } from 'notion-client'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from './support/testEmulator.js'

// notion-client (react-notion-x's client, the ecosystem's most used one) pointed at the emulator by
// base URL only, on the demo workspace, in both envelopes: what it returns is what it would hand a
// renderer. If the emulator drifts from what this client expects, these fail.

type Envelope = 'nested' | 'flat'

async function setup(envelope: Envelope) {
  const emu = await testEmulator({ seed: 'demo', envelope, uploads: 'put' })
  const demo = emu.demo!
  const notion = new NotionAPI({ apiBaseUrl: emu.apiUrl, authToken: demo.ownerToken, activeUser: demo.ownerId })
  return { emu, demo, notion }
}

/** A record map entry's value, whichever envelope notion-client passed through. */
function valueOf(entry: unknown): Record<string, any> | undefined {
  let current: any = entry
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth++) {
    if (current.value && typeof current.value === 'object' && 'id' in current.value) return current.value
    current = current.value
  }
  return undefined
}

function titleOf(block: Record<string, any> | undefined): string {
  return (block?.['properties']?.title ?? []).map((segment: unknown[]) => segment[0]).join('')
}

/** The blocks of the demo page tree as the emulator stores them: the page, its content, recursively. */
function storedTree(emu: Emulator, rootId: string): string[] {
  const ids: string[] = []
  const visit = (id: string) => {
    const record = emu.context.records.get('block', id)
    if (!record || record.value['alive'] === false) return
    ids.push(id)
    if (id !== rootId && record.value['type'] === 'page') return
    for (const child of (record.value['content'] as string[] | undefined) ?? []) visit(child)
  }
  visit(rootId)
  return ids
}

describe.each(['nested', 'flat'] as const)('notion-client 8 against the emulator (%s envelope)', (envelope) => {
  it('getPage: the whole demo page, its database with each view queried, and its users', async () => {
    const { emu, demo, notion } = await setup(envelope)
    const recordMap = await notion.getPage(demo.homePageId)

    const home = valueOf(recordMap.block[demo.homePageId])
    expect(titleOf(home)).toBe('Acme Handbook')
    for (const id of storedTree(emu, demo.homePageId)) expect(Object.keys(recordMap.block), id).toContain(id)

    expect(valueOf(recordMap.collection[demo.tasksCollectionId])?.['id']).toBe(demo.tasksCollectionId)
    const views = Object.values(demo.tasksViewIds)
    for (const viewId of views) expect(valueOf(recordMap.collection_view[viewId])?.['id']).toBe(viewId)

    // notion-client queried the table view; its rows are the collection's live rows.
    const rows = emu.context.records
      .inSpace(demo.spaceId, 'block')
      .filter((record) => record.value['parent_table'] === 'collection' && record.value['parent_id'] === demo.tasksCollectionId && record.value['alive'] !== false && !record.value['is_template'])
      .map((record) => record.id)
    const tableQuery = recordMap.collection_query[demo.tasksCollectionId]?.[demo.tasksViewIds.table] as any
    expect(tableQuery, 'collection_query for the table view').toBeDefined()
    const queried: string[] = tableQuery.collection_group_results?.blockIds ?? tableQuery.blockIds
    expect([...queried].sort()).toEqual([...rows].sort())
    for (const row of rows) expect(Object.keys(recordMap.block)).toContain(row)

    // The page's author comes along as a user record.
    expect(Object.keys(recordMap.notion_user ?? {})).toContain(demo.ownerId)
  })

  it('getCollectionData: the table view rows, in the view order the emulator answers with', async () => {
    const { emu, demo, notion } = await setup(envelope)
    const view = emu.context.records.get('collection_view', demo.tasksViewIds.table)!.value
    const data: any = await notion.getCollectionData(demo.tasksCollectionId, demo.tasksViewIds.table, view)
    const direct = await post(
      emu,
      'queryCollection',
      {
        collection: { id: demo.tasksCollectionId },
        collectionView: { id: demo.tasksViewIds.table },
        loader: { type: 'reducer', reducers: { collection_group_results: { type: 'results', limit: 999 } }, searchQuery: '', userTimeZone: 'UTC' },
      },
      { tokenV2: demo.ownerToken },
    )
    const expected: string[] = direct.body.result.reducerResults.collection_group_results.blockIds
    expect(expected.length).toBeGreaterThan(0)
    expect(data.result.reducerResults.collection_group_results.blockIds).toEqual(expected)
    for (const row of expected) expect(titleOf(valueOf(data.recordMap.block[row]))).not.toBe('')
  })

  it('search: finds the meeting notes page below the home page', async () => {
    const { demo, notion } = await setup(envelope)
    const found: any = await notion.search({ query: 'Meeting', ancestorId: demo.homePageId, limit: 20 } as any)
    const ids = (found.results as { id: string }[]).map((result) => result.id)
    expect(ids).toContain(demo.meetingNotesPageId)
    expect(titleOf(valueOf(found.recordMap.block[demo.meetingNotesPageId]))).toBe('Meeting notes')
  })

  it('getSignedFileUrls: a file uploaded to a page is signed for its owner and readable through the signed URL', async () => {
    const { emu, demo, notion } = await setup(envelope)
    const slot = await post(
      emu,
      'getUploadFileUrl',
      { bucket: 'secure', name: 'plan.txt', contentType: 'text/plain', record: { table: 'block', id: demo.homePageId, spaceId: demo.spaceId } },
      { tokenV2: demo.ownerToken },
    )
    expect(slot.status).toBe(200)
    expect((await fetch(slot.body.signedPutUrl, { method: 'PUT', body: 'the plan' })).status).toBe(200)
    const fileId = new URL(slot.body.url).pathname.split('/')[2]!
    const home = emu.context.records.get('block', demo.homePageId)!
    emu.context.records.put('block', demo.homePageId, { ...home.value, version: home.version + 1, file_ids: [fileId] })

    const answer: any = await notion.getSignedFileUrls([{ url: slot.body.url, permissionRecord: { table: 'block', id: demo.homePageId } }])
    const [signed] = answer.signedUrls as string[]
    expect(signed).toMatch(/sig=/)
    expect(await (await fetch(signed!)).text()).toBe('the plan')
  })
})
