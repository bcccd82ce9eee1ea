import {
  loadCachedPageChunkV2ResponseSchema,
  loadPageChunkResponseSchema,
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
  return { children, related: related ?? NONE }
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
    let requests = options.firstChunk === false && store.get('block', pageId)?.value ? 0 : await this.#loadFirstChunk(pageId, spaceId, signal)
    const visited = new Set<string>()
    const asked = new Set<string>()
    let blocks = 0
    let frontier = [pageId]
    while (frontier.length > 0) {
      const walk = this.#walkLoaded(frontier, pageId, visited, asked)
      blocks += walk.blocks
      if (walk.missing.length === 0) break
      const records = await fetcher.fetch(walk.missing, signal)
      store.dispatch({ type: 'recordsLoaded', records, origin: 'refresh' })
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
   * walk on from once fetched.
   */
  #walkLoaded(
    start: readonly string[],
    pageId: string,
    visited: Set<string>,
    asked: Set<string>,
  ): { blocks: number; missing: RecordPointer[]; waiting: string[] } {
    const { store } = this.#options
    // `asked` holds block ids as they are and other records as `table:id`: each is listed once.
    const missing: RecordPointer[] = []
    const waiting: string[] = []
    const stack = [...start]
    let blocks = 0
    // Indexed loops: this runs once per block of the page (tens of thousands).
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (visited.has(id)) continue
      const value = store.get('block', id)?.value
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
        if (!store.get(pointer.table, pointer.id) && !asked.has(key)) {
          asked.add(key)
          missing.push(pointer)
        }
      }
    }
    return { blocks, missing, waiting }
  }

  async #loadFirstChunk(pageId: string, spaceId: string | undefined, signal: AbortSignal | undefined): Promise<number> {
    const { call, isUnknownEndpoint, store } = this.#options
    const options = signal ? { signal } : {}
    const cursor = { stack: [] }
    if (this.#chunkEndpoint === 'loadCachedPageChunkV2') {
      try {
        const body = { page: spaceId ? { id: pageId, spaceId } : { id: pageId }, limit: CHUNK_LIMIT, cursor, chunkNumber: 0, verticalColumns: false }
        const response = await call('loadCachedPageChunkV2', body, loadCachedPageChunkV2ResponseSchema, options)
        store.dispatch({ type: 'recordsLoaded', records: response.recordMap, origin: 'refresh' })
        return 1
      } catch (error) {
        if (!isUnknownEndpoint(error)) throw error
        this.#chunkEndpoint = 'loadPageChunk'
      }
    }
    const body = { pageId, limit: CHUNK_LIMIT, cursor, chunkNumber: 0, verticalColumns: false }
    const response = await call('loadPageChunk', body, loadPageChunkResponseSchema, options)
    store.dispatch({ type: 'recordsLoaded', records: response.recordMap, origin: 'refresh' })
    return 1
  }
}
