import {
  loadCachedPageChunkV2ResponseSchema,
  loadPageChunkResponseSchema,
  type NormalizedRecordMap,
  type RecordEntry,
  type RecordPointer,
} from '@notion-rx/protocol'
import type { RecordStore } from '../store/recordStore.js'
import type { RecordValue } from '../store/snapshot.js'
import type { ApiCaller, UnknownEndpointCheck } from './apiCaller.js'
import type { RecordFetcher } from './recordFetcher.js'

/** The largest chunk the API serves (101 is a 400 since 2021). */
const CHUNK_LIMIT = 100
/** Blocks whose content is a page of its own: not expanded when loading the page that holds them. */
const PAGE_TYPES = new Set(['page', 'collection_view_page'])

export interface PageLoaderOptions {
  store: RecordStore
  call: ApiCaller
  isUnknownEndpoint: UnknownEndpointCheck
  fetcher: RecordFetcher
}

export interface PageLoadStats {
  requests: number
  blocks: number
}

const NONE: readonly never[] = Object.freeze([])
/** What a leaf block depends on: nothing (one shared answer for most blocks of a page). */
const LEAF: { children: readonly string[]; related: readonly RecordPointer[] } = Object.freeze({ children: NONE, related: NONE })

/** The strings of a list: the (frozen) list itself when it holds nothing else, as it always does. */
function stringArray(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return NONE
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') return value.filter((each): each is string => typeof each === 'string')
  }
  return value as string[]
}

function pointerId(format: unknown, key: string): string | undefined {
  if (typeof format !== 'object' || format === null) return undefined
  const pointer = (format as Record<string, unknown>)[key]
  if (typeof pointer !== 'object' || pointer === null) return undefined
  const id = (pointer as Record<string, unknown>)['id']
  return typeof id === 'string' ? id : undefined
}

/**
 * The records a block needs to be shown: its children, and for databases their collection and
 * views. Both lists are read-only (the block's own `content` list, when it holds only ids).
 */
export function pageDependencies(value: RecordValue, isRoot: boolean): { children: readonly string[]; related: readonly RecordPointer[] } {
  const type = value['type']
  const children = isRoot || !PAGE_TYPES.has(String(type)) ? stringArray(value['content']) : NONE
  let related: RecordPointer[] | undefined
  if (type === 'collection_view' || type === 'collection_view_page') {
    related = []
    // Newer databases only have format.collection_pointer (notion-py returned None there).
    const collectionId = typeof value['collection_id'] === 'string' ? value['collection_id'] : pointerId(value['format'], 'collection_pointer')
    if (collectionId) related.push({ table: 'collection', id: collectionId })
    for (const viewId of stringArray(value['view_ids'])) related.push({ table: 'collection_view', id: viewId })
  }
  const synced = pointerId(value['format'], 'transclusion_reference_pointer')
  if (synced) (related ??= []).push({ table: 'block', id: synced })
  if (children === NONE && related === undefined) return LEAF
  return { children, related: related ?? NONE }
}

/**
 * A block's value for the walk: the one just arrived unless the store holds a newer one (it came
 * in from elsewhere meanwhile: `others` lists those blocks, undefined when unknown), else the
 * store's. Read only for its children and pointers.
 */
function valueToWalk(store: RecordStore, arrived: RecordEntry | undefined, id: string, others: ReadonlySet<string> | undefined): RecordValue | undefined {
  if (arrived?.value === undefined) return store.get('block', id)?.value
  if (others !== undefined && !others.has(id)) return arrived.value
  const held = store.confirmedVersion('block', id)
  const version = arrived.value['version']
  return held !== undefined && typeof version === 'number' && held > version ? store.get('block', id)?.value : arrived.value
}

/**
 * Loads a WHOLE page in as few round trips as the protocol allows: the first chunk
 * (loadCachedPageChunkV2, falling back to loadPageChunk) brings the page, its first 100 blocks,
 * ancestors, space and databases; then every record still missing below what is loaded, at any
 * depth, comes in one bulk fetch per round trip. So a page costs 1 + (round trips of blocks not yet
 * named) requests, with no block cap (notion-py stops at 100, and notion-client loses databases
 * past the first chunk).
 */
export class PageLoader {
  readonly #options: PageLoaderOptions
  #chunkEndpoint: 'loadCachedPageChunkV2' | 'loadPageChunk' = 'loadCachedPageChunkV2'

  constructor(options: PageLoaderOptions) {
    this.#options = options
  }

  /**
   * `firstChunk: false` skips the page chunk when the store already holds the page (a warm start
   * from the cache): only the blocks still missing are fetched.
   */
  async load(pageId: string, spaceId?: string, signal?: AbortSignal, options: { firstChunk?: boolean } = {}): Promise<PageLoadStats> {
    const { store, fetcher } = this.#options
    const warm = options.firstChunk === false && store.get('block', pageId)?.value
    let latest = warm ? undefined : await this.#loadFirstChunk(pageId, spaceId, signal)
    let requests = latest ? 1 : 0
    const visited = new Set<string>()
    const asked = new Set<string>()
    let blocks = 0
    let frontier = [pageId]
    // The blocks that came in while the answer was on its way: only those can be newer in the store.
    let others: ReadonlySet<string> | undefined
    for (;;) {
      // The next round trip is sent before the last answer is stored: storing it overlaps the wait.
      const walk = this.#walkLoaded(frontier, pageId, visited, asked, latest, others)
      blocks += walk.blocks
      const next = walk.missing.length > 0 ? fetcher.fetch(walk.missing, signal) : undefined
      if (latest) store.dispatch({ type: 'recordsLoaded', records: latest, origin: 'refresh' })
      if (!next) break
      const arrivals = store.arrivals
      latest = await next
      others = store.arrivedSince(arrivals, 'block')
      requests++
      frontier = walk.waiting
    }
    return { requests, blocks }
  }

  /**
   * Walks down from `start` through every block the store holds, and lists every record below
   * them that it lacks, at any depth: the page chunks come depth first, so the first one already
   * names blocks many levels down, and all of them go out in the next round trip (as notion-client
   * and the web app do) rather than one level per round trip. `waiting`: the missing blocks, to
   * walk on from once fetched. `latest`: an answer not stored yet, read where it is newer than
   * the store (its records are only read here, never kept).
   */
  #walkLoaded(
    start: readonly string[],
    pageId: string,
    visited: Set<string>,
    asked: Set<string>,
    latest: NormalizedRecordMap | undefined,
    others: ReadonlySet<string> | undefined,
  ): { blocks: number; missing: RecordPointer[]; waiting: string[] } {
    const { store } = this.#options
    const arrived = latest?.block
    // `asked` holds block ids as they are and other records as `table:id`: each is listed once.
    const missing: RecordPointer[] = []
    const waiting: string[] = []
    const stack = [...start]
    let blocks = 0
    // Indexed loops: this runs once per block of the page (tens of thousands).
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (visited.has(id)) continue
      const value = valueToWalk(store, arrived?.[id], id, others)
      if (!value) {
        // Not fetched yet: asked for once (an unreadable block stays missing), walked once it is here.
        if (!asked.has(id)) {
          asked.add(id)
          missing.push({ table: 'block', id })
          waiting.push(id)
        }
        continue
      }
      visited.add(id)
      blocks++
      const { children, related } = pageDependencies(value, id === pageId)
      for (let i = 0; i < children.length; i++) stack.push(children[i]!)
      for (let i = 0; i < related.length; i++) {
        const pointer = related[i]!
        if (pointer.table === 'block') {
          stack.push(pointer.id)
          continue
        }
        const key = `${pointer.table}:${pointer.id}`
        if (!store.holds(pointer.table, pointer.id) && !latest?.[pointer.table]?.[pointer.id] && !asked.has(key)) {
          asked.add(key)
          missing.push(pointer)
        }
      }
    }
    return { blocks, missing, waiting }
  }

  /** The first chunk's records, not stored yet (the caller stores them once it has sent the next request). */
  async #loadFirstChunk(pageId: string, spaceId: string | undefined, signal: AbortSignal | undefined): Promise<NormalizedRecordMap> {
    const { call, isUnknownEndpoint } = this.#options
    const options = signal ? { signal } : {}
    const cursor = { stack: [] }
    if (this.#chunkEndpoint === 'loadCachedPageChunkV2') {
      try {
        const body = { page: spaceId ? { id: pageId, spaceId } : { id: pageId }, limit: CHUNK_LIMIT, cursor, chunkNumber: 0, verticalColumns: false }
        return (await call('loadCachedPageChunkV2', body, loadCachedPageChunkV2ResponseSchema, options)).recordMap
      } catch (error) {
        if (!isUnknownEndpoint(error)) throw error
        this.#chunkEndpoint = 'loadPageChunk'
      }
    }
    const body = { pageId, limit: CHUNK_LIMIT, cursor, chunkNumber: 0, verticalColumns: false }
    return (await call('loadPageChunk', body, loadPageChunkResponseSchema, options)).recordMap
  }
}
