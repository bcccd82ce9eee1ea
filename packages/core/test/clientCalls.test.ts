import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import * as core from '../src/index.js'
import { NotionError } from '../src/transport/errors/notionError.js'
import type { CacheCorruptError } from '../src/cache/cacheCorruptError.js'
import type { CacheWriteError } from '../src/cache/cacheWriteError.js'
import { PageBlock } from '../src/records/pageBlocks.js'
import { ToDoBlock } from '../src/records/textBlocks.js'
import type { ImageBlock } from '../src/records/mediaBlocks.js'
import { exportMarkdown } from '../src/model/exportMarkdown.js'
import { WrongBlockTypeError } from '../src/wrongBlockTypeError.js'
import { testClient } from './support/testClient.js'

/** A fetch that remembers the signal of every request it sends and how each ended. */
function watchedFetch() {
  const sent: { endpoint: string; signal: AbortSignal; outcome: Promise<'answered' | 'aborted' | 'failed'> }[] = []
  const watched: typeof fetch = (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const answer = fetch(request)
    const outcome = answer.then(
      () => 'answered' as const,
      () => (request.signal.aborted ? ('aborted' as const) : ('failed' as const)),
    )
    sent.push({ endpoint: new URL(request.url).pathname.split('/').at(-1) ?? '', signal: request.signal, outcome })
    return answer
  }
  return { sent, fetch: watched }
}

async function demo(options: { fetch?: typeof fetch } = {}) {
  const emu = await testEmulator({ seed: 'demo' })
  const workspace = emu.demo!
  const { client, log } = testClient(emu, { tokenV2: workspace.ownerToken }, options)
  await client.ready
  return { emu, workspace, client, log }
}

/** Resolves once the transport has sent a request to `endpoint`. */
function requestSent(log: { events: readonly { type: string; endpoint: string }[] }, endpoint: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (log.events.some((event) => event.type === 'request' && event.endpoint === endpoint) ? resolve() : setTimeout(check, 5))
    check()
  })
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

describe('typed access to blocks', () => {
  it('getPage returns the page class, getBlock checks `as` and `type` once loaded', async () => {
    const { client, workspace } = await demo()
    const home = await client.getPage(workspace.homePageId)
    expect(home).toBeInstanceOf(PageBlock)
    expect(home.title).toBe('Acme Handbook')
    const todoId = [...home.children].find((block) => block.type === 'to_do')?.id
    expect(todoId).toBeDefined()

    const byType = await client.getBlock(todoId!, { type: 'to_do' })
    expect(byType).toBeInstanceOf(ToDoBlock)
    expect(typeof byType.checked).toBe('boolean')
    expect(await client.getBlock(todoId!, { as: ToDoBlock })).toBe(byType)

    const notAPage = await client.getPage(todoId!).catch((error: unknown) => error)
    expect(notAPage).toBeInstanceOf(WrongBlockTypeError)
    expect(notAPage).toMatchObject({ name: 'WrongBlockTypeError', code: 'wrong_block_type', id: todoId, expected: 'PageBlock', actual: 'to_do' })
    expect(String((notAPage as Error).message)).toContain(`block ${todoId} is a to_do, not a PageBlock`)
    await expect(client.getBlock(workspace.homePageId, { type: 'to_do' })).rejects.toMatchObject({ expected: 'to_do', actual: 'page' })
    await expect(client.getBlock(workspace.homePageId, { as: ToDoBlock })).rejects.toBeInstanceOf(WrongBlockTypeError)
    // A database page is not a page block: getCollectionView is the way in.
    await expect(client.getPage(workspace.tasksBlockId)).rejects.toMatchObject({ code: 'wrong_block_type' })
  })

  it('exports the typed-access and cancellation API from the package index', () => {
    const exported = core as Record<string, unknown>
    expect(exported['WrongBlockTypeError']).toBe(WrongBlockTypeError)
    expect(typeof (exported['NotionClient'] as { prototype: Record<string, unknown> }).prototype['getPage']).toBe('function')
  })
})

describe('errors$', () => {
  it('emits the NotionError of every rejected write', async () => {
    const { emu, client, workspace } = await demo()
    const page = await client.getPage(workspace.homePageId)
    const errors: (NotionError | CacheWriteError | CacheCorruptError)[] = []
    const subscription = client.errors$.subscribe((error) => errors.push(error))
    emu.setFaults({ rejectWrites: true })
    page.title = 'Doomed'
    await expect(client.flush()).rejects.toMatchObject({ name: 'TransactionRejectedError' })
    emu.setFaults({})
    subscription.unsubscribe()
    expect(errors).toHaveLength(1)
    expect(NotionError.isNotionError(errors[0])).toBe(true)
    expect(errors[0]?.code).toBe('transaction_rejected')
  })
})

describe('queries send queued writes first', () => {
  it('a row added just before a query is in its result, without flush()', async () => {
    const { client, workspace, log } = await demo()
    const view = await client.getCollectionView(workspace.tasksBlockId)
    const collection = view.collection!
    const before = (await collection.query().execute()).total
    const row = collection.addRow({ title: 'Added right before the query' })
    const result = await collection.query({ search: 'Added right before' }).execute()
    expect(result.rows.map((found) => found.id)).toEqual([row.id])
    expect((await collection.query().execute()).total).toBe(before + 1)
    // The write went out before the query that saw it.
    const calls = log.calls
    expect(calls.lastIndexOf('submitTransaction')).toBeLessThan(calls.lastIndexOf('queryCollection'))
  })
})

describe('cancellation: every async method takes { signal }', () => {
  it('an already aborted signal rejects at once with the AbortError, and nothing is sent', async () => {
    const { client, workspace, log } = await demo()
    const home = await client.getPage(workspace.homePageId)
    const view = await client.getCollectionView(workspace.tasksBlockId)
    const calendarView = await client.getCollectionView(workspace.tasksViewIds.calendar)
    const image = home.children.addNew('image')
    await client.flush()
    const aborted = AbortSignal.abort()
    const sentBefore = log.count()
    const signal = aborted
    const calls: Record<string, () => Promise<unknown>> = {
      getBlock: () => client.getBlock(workspace.homePageId, { signal }),
      getPage: () => client.getPage(workspace.homePageId, { signal }),
      getCollectionView: () => client.getCollectionView(workspace.tasksBlockId, { signal }),
      getCollection: () => client.getCollection(workspace.tasksCollectionId, { signal }),
      getRecord: () => client.getRecord('space', workspace.spaceId, { signal }),
      search: () => client.search('Acme', { signal }),
      refresh: () => client.refresh([home], { signal }),
      setUserById: () => client.setUserById(workspace.ownerId, { signal }),
      execute: () => view.query().execute({ signal }),
      getRows: () => view.collection!.getRows({ signal }),
      loadRollupSources: () => view.collection!.loadRollupSources([home], { signal }),
      calendar: () => calendarView.calendar({ from: '2024-03-01', to: '2024-03-31', signal }),
      load: () => home.load({ signal }),
      recordRefresh: () => home.refresh({ signal }),
      childrenLoad: () => home.children.load({ signal }),
      getBacklinks: () => home.getBacklinks({ signal }),
      exportMarkdown: () => exportMarkdown(home, { signal }),
      uploadFile: () => client.uploadFile(new Blob(['x']), home.pointer(), { name: 'x.txt', signal }),
      blockUpload: () => (image as ImageBlock).uploadFile(new Blob(['x']), { name: 'x.png', signal }),
      flush: () => client.flush({ signal }),
    }
    for (const [name, call] of Object.entries(calls)) {
      const error = await call().then(
        () => 'resolved',
        (caught: unknown) => caught,
      )
      expect(isAbortError(error), `${name} rejects with the AbortError`).toBe(true)
    }
    expect(log.count()).toBe(sentBefore)
    // The client still works afterwards.
    expect((await client.getPage(workspace.homePageId)).title).toBe('Acme Handbook')
  })

  it('aborting mid-request rejects at once and aborts the HTTP request (latency fault)', async () => {
    const watched = watchedFetch()
    const { emu, client, workspace, log } = await demo({ fetch: watched.fetch })
    // Far longer than the test's timeout: only an abort lets these calls end.
    emu.setFaults({ latencyMs: 120_000 })
    const controller = new AbortController()
    const reason = new Error('the user navigated away')
    const pending = client.getBlock(workspace.homePageId, { signal: controller.signal })
    await requestSent(log, 'loadCachedPageChunkV2')
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    const chunk = watched.sent.find((request) => request.endpoint === 'loadCachedPageChunkV2')
    expect(chunk?.signal.aborted).toBe(true)
    expect(await chunk?.outcome).toBe('aborted')

    const search = new AbortController()
    const searching = client.search('Acme', { signal: search.signal })
    await requestSent(log, 'search')
    search.abort()
    const error = await searching.catch((caught: unknown) => caught)
    expect(isAbortError(error)).toBe(true)
    expect(await watched.sent.find((request) => request.endpoint === 'search')?.outcome).toBe('aborted')
    emu.setFaults({})
  })

  it('a query aborted mid-request rejects and its queryCollection request is aborted', async () => {
    const watched = watchedFetch()
    const { emu, client, workspace, log } = await demo({ fetch: watched.fetch })
    const view = await client.getCollectionView(workspace.tasksBlockId)
    emu.setFaults({ latencyMs: 120_000 })
    const controller = new AbortController()
    const running = view.query().execute({ signal: controller.signal })
    await requestSent(log, 'queryCollection')
    controller.abort()
    expect(isAbortError(await running.catch((caught: unknown) => caught))).toBe(true)
    expect(await watched.sent.find((request) => request.endpoint === 'queryCollection')?.outcome).toBe('aborted')
    emu.setFaults({})
  })

  it('a fetch shared by two calls is aborted only when both are', async () => {
    const watched = watchedFetch()
    const { emu, client, workspace, log } = await demo({ fetch: watched.fetch })
    emu.setFaults({ latencyMs: 300 })
    const first = new AbortController()
    const second = new AbortController()
    // Same tick, same record: one syncRecordValues request serves both.
    const a = client.getRecord('collection', workspace.tasksCollectionId, { signal: first.signal })
    const b = client.getRecord('collection', workspace.tasksCollectionId, { signal: second.signal })
    await requestSent(log, 'syncRecordValuesMain')
    first.abort()
    expect(isAbortError(await a.catch((caught: unknown) => caught))).toBe(true)
    // The other caller still gets its record: the shared request went on.
    expect((await b).id).toBe(workspace.tasksCollectionId)
    const shared = watched.sent.filter((request) => request.endpoint === 'syncRecordValuesMain')
    expect(shared).toHaveLength(1)
    expect(await shared[0]?.outcome).toBe('answered')

    emu.setFaults({ latencyMs: 120_000 })
    const third = new AbortController()
    const fourth = new AbortController()
    const c = client.refresh([{ table: 'space', id: workspace.spaceId }], { signal: third.signal })
    const d = client.refresh([{ table: 'space', id: workspace.spaceId }], { signal: fourth.signal })
    await new Promise<void>((resolve) => {
      const check = () => (watched.sent.filter((request) => request.endpoint === 'syncRecordValuesMain').length === 2 ? resolve() : setTimeout(check, 5))
      check()
    })
    third.abort()
    fourth.abort()
    expect(isAbortError(await c.catch((caught: unknown) => caught))).toBe(true)
    expect(isAbortError(await d.catch((caught: unknown) => caught))).toBe(true)
    expect(await watched.sent.filter((request) => request.endpoint === 'syncRecordValuesMain')[1]?.outcome).toBe('aborted')
    emu.setFaults({})
  })
})
