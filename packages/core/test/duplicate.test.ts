import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { Emulator } from '@notion-rx/emulator'
import { NotionClient } from '../src/client.js'
import { exportMarkdown } from '../src/model/exportMarkdown.js'
import { RecordNotFoundError } from '../src/recordNotFoundError.js'
import { DuplicateError } from '../src/records/duplicateError.js'
import type { DuplicateProgress } from '../src/records/duplicateOptions.js'
import { PageBlock } from '../src/records/pageBlocks.js'
import { PartialDuplicateError } from '../src/records/partialDuplicateError.js'
import { buildDuplicateFixture, type DuplicateFixture } from './support/duplicateFixture.js'
import { MeteredFetch } from './support/meteredFetch.js'
import { recordTree, relabelText } from './support/recordTree.js'

// page.duplicate on a 2,000-block page with an inline and a full-page database, on both paths
// (Notion's duplicate task and the SDK's batched copy), compared with the original as markdown and
// as record trees with ids mapped (docs/records.md#duplicating-pages).

interface Setup {
  emu: Emulator
  ada: { id: string; tokenV2: string; spaceId: string }
  fixture: DuplicateFixture
  meter: MeteredFetch
  client: NotionClient
}

const clients: NotionClient[] = []

async function setup(): Promise<Setup> {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com' })
  const fixture = buildDuplicateFixture(emu, ada)
  const meter = new MeteredFetch()
  const client = new NotionClient({ tokenV2: ada.tokenV2, baseUrl: emu.apiUrl, fetch: meter.fetch })
  clients.push(client)
  return { emu, ada, fixture, meter, client }
}

/** An empty top-level page of Ada's, where copies can go. */
function emptyPage(emu: Emulator, ada: { id: string; spaceId: string }): string {
  const id = '0e0e0e0e-0000-4000-8000-000000000001'
  const { records } = emu.context
  records.put('block', id, {
    id, version: 1, type: 'page', alive: true, parent_id: ada.spaceId, parent_table: 'space', space_id: ada.spaceId,
    properties: { title: [['Archive']] }, permissions: [{ role: 'editor', type: 'user_permission', user_id: ada.id }],
  })
  const space = records.get('space', ada.spaceId)!
  records.put('space', ada.spaceId, { ...space.value, version: space.version + 1, pages: [...(space.value['pages'] as string[]), id] })
  return id
}

function newClient(emu: Emulator, tokenV2: string): NotionClient {
  const client = new NotionClient({ tokenV2, baseUrl: emu.apiUrl })
  clients.push(client)
  return client
}

async function closeAll() {
  await Promise.all(clients.splice(0).map((client) => client.close()))
}

/** The copy equals the original: as record trees with ids mapped, and as markdown with ids mapped. */
async function expectSameContent(setup: Setup, copy: PageBlock, options: { spaceId?: string; copyClient?: NotionClient } = {}) {
  const { emu, fixture, client } = setup
  const original = recordTree(emu, fixture.pageId, { spaceId: setup.ada.spaceId })
  const copied = recordTree(emu, copy.id, options.spaceId === undefined ? { spaceId: setup.ada.spaceId } : { spaceId: options.spaceId })
  expect(copied.keys).toHaveLength(original.keys.length)
  expect(copied.tree).toEqual(original.tree)
  // No record of the copy is a record of the original.
  const originalKeys = new Set(original.keys)
  for (const key of copied.keys) expect(originalKeys.has(key)).toBe(false)
  const originalMarkdown = relabelText(await exportMarkdown(await client.getPage(fixture.pageId)), original.labels)
  const reader = options.copyClient ?? newClient(emu, setup.ada.tokenV2)
  const copyMarkdown = relabelText(await exportMarkdown(await reader.getPage(copy.id)), copied.labels)
  expect(copyMarkdown).toBe(originalMarkdown)
  expect(originalMarkdown).toContain('Step 245.4.2')
  expect(originalMarkdown).toContain('Row 2')
  expect(originalMarkdown).toContain('[Sub-page](')
  return copied
}

describe('page.duplicate', () => {
  it("server path: Notion's duplicate task copies the 2,000-block page whole, with progress, in few requests", { timeout: 120_000 }, async () => {
    const s = await setup()
    try {
      const page = await s.client.getPage(s.fixture.pageId)
      s.meter.reset()
      const progress: DuplicateProgress[] = []
      const copy = await page.duplicate({ onProgress: (step) => progress.push(step) })
      const calls = s.meter.endpoints()
      console.info(`duplicate (server path) of ${s.fixture.recordCount + 1} records: ${calls.length} requests (${calls.filter((call) => call === 'getTasks').length} getTasks polls)`, calls.join(' '))
      expect(calls.slice(0, 2)).toEqual(['submitTransaction', 'enqueueTask'])
      expect(calls.filter((call) => call === 'submitTransaction')).toHaveLength(1)
      expect(calls.length - calls.filter((call) => call === 'getTasks').length).toBeLessThanOrEqual(12)
      expect(progress.every((step) => step.path === 'server')).toBe(true)
      expect(progress.at(-1)).toEqual({ path: 'server', copied: s.fixture.recordCount + 1, total: s.fixture.recordCount + 1 })
      expect(copy).toBeInstanceOf(PageBlock)
      expect(copy.get('copied_from')).toBe(s.fixture.pageId)
      expect(copy.title).toBe('Big page')
      // Listed right after the original, in the same workspace.
      const pages = s.client.currentSpace!.value!['pages'] as string[]
      expect(pages.slice(pages.indexOf(s.fixture.pageId), pages.indexOf(s.fixture.pageId) + 2)).toEqual([s.fixture.pageId, copy.id])
      await expectSameContent(s, copy)
    } finally {
      await closeAll()
    }
  })

  it('client path: ordered transactions under the size limit, new property ids, queries, relations and links re-pointed', { timeout: 120_000 }, async () => {
    const s = await setup()
    try {
      const page = await s.client.getPage(s.fixture.pageId)
      const target = await s.client.getPage(emptyPage(s.emu, s.ada))
      s.meter.reset()
      const progress: DuplicateProgress[] = []
      const copy = await page.duplicate({ parent: target, title: 'Copied **page**', mode: 'client', onProgress: (step) => progress.push(step) })
      const calls = s.meter.endpoints()
      const writes = calls.filter((call) => call === 'submitTransaction')
      console.info(`duplicate (client path) of ${s.fixture.recordCount + 1} records: ${calls.length} requests, ${writes.length} transactions`, calls.join(' '))
      expect(writes.length).toBe(progress.at(-1)!.parts)
      expect(writes.length).toBeGreaterThanOrEqual(5)
      expect(calls.length - writes.length).toBeLessThanOrEqual(12)
      const written = s.meter.calls.filter((call) => call.endpoint === 'submitTransaction')
      for (const call of written) expect(call.requestBytes).toBeLessThan(256 * 1024)
      expect(progress.at(-1)).toMatchObject({ path: 'client', copied: s.fixture.recordCount + 1, total: s.fixture.recordCount + 1 })
      expect(copy.parentId).toBe(target.id)
      expect(target.children.ids).toEqual([copy.id])
      expect(copy.title).toBe('Copied **page**')
      expect(copy.get('copied_from')).toBe(s.fixture.pageId)

      // Compared with the original under the original's title.
      const client = newClient(s.emu, s.ada.tokenV2)
      const reread = await client.getPage(copy.id)
      reread.title = 'Big page'
      await client.flush()
      const copied = await expectSameContent(s, reread, { copyClient: client })

      // The full-page database got new property ids; its view's query and the rollup read them.
      const projectsLabel = recordTree(s.emu, s.fixture.pageId).labels.get(s.fixture.projectsCollectionId)!
      const projectsCopy = [...copied.labels.entries()].find(([id, label]) => label === projectsLabel && id.includes('-'))![0]
      const collection = s.emu.context.records.get('collection', projectsCopy)!.value
      const schema = collection['schema'] as Record<string, Record<string, unknown>>
      expect(collection['copied_from']).toBe(s.fixture.projectsCollectionId)
      const idOf = (name: string) => Object.entries(schema).find(([, property]) => property['name'] === name)![0]
      for (const name of ['Tasks', 'Total hours', 'Double', 'Status']) expect(['tsks', 'totl', 'dbl', 'stat']).not.toContain(idOf(name))
      expect(schema[idOf('Total hours')]!['relation_property']).toBe(idOf('Tasks'))
      const inlineCopy = schema[idOf('Tasks')]!['collection_id'] as string
      expect(inlineCopy).not.toBe(s.fixture.collectionId)
      const inlineSchema = s.emu.context.records.get('collection', inlineCopy)!.value['schema'] as Record<string, Record<string, unknown>>
      expect(inlineSchema[schema[idOf('Total hours')]!['target_property'] as string]!['name']).toBe('Hours')
      const viewId = (s.emu.context.records.get('block', collection['parent_id'] as string)!.value['view_ids'] as string[])[0]!
      const view = s.emu.context.records.get('collection_view', viewId)!.value as Record<string, any>
      expect(view['query2']['filter']['filters'][0]['property']).toBe(idOf('Status'))
      expect(view['query2']['sort'][0]['property']).toBe(idOf('Double'))
      expect(view['format']['collection_pointer']['id']).toBe(projectsCopy)
      // The copied view filters the copied rows as the original did.
      const cv = await client.getCollectionView(viewId)
      const active = await cv.defaultQuery().execute()
      expect(active.rows.map((row) => row.title)).toEqual(['Project 0'])
      expect(active.rows[0]!.prop('Total hours')).toBe(3)
    } finally {
      await closeAll()
    }
  })

  it('into another account and workspace (auto picks the client path); files are referenced, not uploaded again', { timeout: 120_000 }, async () => {
    const s = await setup()
    try {
      const bob = s.emu.createUser({ email: 'bob@example.com' })
      const bobClient = newClient(s.emu, bob.tokenV2)
      await bobClient.ready
      const page = await s.client.getPage(s.fixture.pageId)
      const copy = await page.duplicate({ parent: bobClient.currentSpace! })
      expect(copy.context).toBe(bobClient)
      expect(copy.spaceId).toBe(bob.spaceId)
      const copied = await expectSameContent(s, copy, { spaceId: bob.spaceId, copyClient: bobClient })
      // Every record of the copy lives in Bob's workspace; the image names the same file.
      for (const key of copied.keys) {
        const [table, id] = key.split(':') as [string, string]
        expect(s.emu.context.records.get(table, id)!.spaceId).toBe(bob.spaceId)
      }
      const image = copied.keys.map((key) => s.emu.context.records.get('block', key.split(':')[1]!)?.value).find((value) => value?.['type'] === 'image')!
      const original = s.emu.context.records.get('block', image['copied_from'] as string)!.value
      expect(image['file_ids']).toEqual(original['file_ids'])
      expect(image['properties']).toEqual(original['properties'])
    } finally {
      await closeAll()
    }
  })

  it('refuses a missing source, a read-only target and an impossible server copy; stops on abort with what was created', { timeout: 120_000 }, async () => {
    const s = await setup()
    try {
      const page = await s.client.getPage(s.fixture.pageId)
      await expect(new PageBlock(s.client, '00000000-0000-4000-8000-000000000000').duplicate()).rejects.toSatisfy(RecordNotFoundError.isRecordNotFoundError)

      const rey = s.emu.createUser({ email: 'rey@example.com', spaceId: s.ada.spaceId, role: 'reader' })
      const reader = newClient(s.emu, rey.tokenV2)
      const readable = await reader.getPage(s.fixture.subpageId)
      const refused = await readable.duplicate().catch((error: unknown) => error)
      expect(DuplicateError.isDuplicateError(refused)).toBe(true)
      expect(refused).toMatchObject({ name: 'DuplicateError', code: 'target_read_only', sourceId: s.fixture.subpageId })

      const bob = s.emu.createUser({ email: 'bob@example.com' })
      const bobClient = newClient(s.emu, bob.tokenV2)
      await bobClient.ready
      await expect(page.duplicate({ parent: bobClient.currentSpace!, mode: 'server' })).rejects.toMatchObject({ code: 'server_unavailable' })

      // Aborted before it starts: nothing is sent.
      s.meter.reset()
      await expect(page.duplicate({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
      expect(s.meter.calls).toHaveLength(0)

      // Aborted between two transactions: the error names what exists.
      const controller = new AbortController()
      const error = await page
        .duplicate({ mode: 'client', maxPartRecords: 400, maxPartBytes: 4_000_000, signal: controller.signal, onProgress: (step) => step.part === 2 && controller.abort() })
        .catch((caught: unknown) => caught)
      expect(PartialDuplicateError.isPartialDuplicateError(error)).toBe(true)
      const partial = error as PartialDuplicateError
      expect(partial.partsCommitted).toBe(2)
      expect(partial.created.block[0]).toBe(partial.pageId)
      expect(partial.created.block.length + partial.created.collection.length + partial.created.collection_view.length).toBe(800)
      expect((partial.cause as Error).name).toBe('AbortError')
      expect(partial.message).toMatch(/stopped at part 3 of 6/)
      for (const id of partial.created.block) expect(s.emu.context.records.get('block', id)?.value['alive']).toBe(true)

      // A transaction the server refuses midway: the same report.
      const failed = await page
        .duplicate({ mode: 'client', maxPartRecords: 500, maxPartBytes: 4_000_000, onProgress: (step) => step.part === 1 && s.emu.setFaults({ rejectWrites: true }) })
        .catch((caught: unknown) => caught)
      s.emu.setFaults({})
      expect(failed).toBeInstanceOf(PartialDuplicateError)
      expect((failed as PartialDuplicateError).partsCommitted).toBe(1)
    } finally {
      await closeAll()
    }
  })
})
