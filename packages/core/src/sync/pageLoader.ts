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

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

function pointerId(format: unknown, key: string): string | undefined {
  if (typeof format !== 'object' || format === null) return undefined
  const pointer = (format as Record<string, unknown>)[key]
  if (typeof pointer !== 'object' || pointer === null) return undefined
  const id = (pointer as Record<string, unknown>)['id']
  return typeof id === 'string' ? id : undefined
}

/** The records a block needs to be shown: its children, and for databases their collection and views. */
export function pageDependencies(value: RecordValue, isRoot: boolean): { children: string[]; related: RecordPointer[] } {
  const type = String(value['type'])
  const children = isRoot || !PAGE_TYPES.has(type) ? stringArray(value['content']) : []
  const related: RecordPointer[] = []
  if (type === 'collection_view' || type === 'collection_view_page') {
    // Newer databases only have format.collection_pointer (notion-py returned None there).
    const collectionId = typeof value['collection_id'] === 'string' ? value['collection_id'] : pointerId(value['format'], 'collection_pointer')
    if (collectionId) related.push({ table: 'collection', id: collectionId })
    for (const viewId of stringArray(value['view_ids'])) related.push({ table: 'collection_view', id: viewId })
  }
  const synced = pointerId(value['format'], 'transclusion_reference_pointer')
  if (synced) related.push({ table: 'block', id: synced })
  return { children, related }
}

/**
 * Loads a WHOLE page in as few round trips as the protocol allows: the first chunk
 * (loadCachedPageChunkV2, falling back to loadPageChunk) brings the page, its first 100 blocks,
 * ancestors, space and databases; then every level of the block tree that is still missing comes
 * in one bulk fetch. So a page costs 1 + (levels with missing blocks) requests, with no block cap
 * (notion-py and notion-client stop at 100, and notion-client loses databases past the first chunk).
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
    let frontier = [pageId]
    let blocks = 0
    while (frontier.length > 0) {
      const next: string[] = []
      const missing = new Map<string, RecordPointer>()
      for (const id of frontier) {
        if (visited.has(id)) continue
        visited.add(id)
        const value = store.get('block', id)?.value
        if (!value) continue
        blocks++
        const { children, related } = pageDependencies(value, id === pageId)
        for (const child of children) {
          next.push(child)
          if (!store.get('block', child)) missing.set(`block:${child}`, { table: 'block', id: child })
        }
        for (const pointer of related) {
          if (!store.get(pointer.table, pointer.id)) missing.set(`${pointer.table}:${pointer.id}`, pointer)
          if (pointer.table === 'block') next.push(pointer.id)
        }
      }
      if (missing.size > 0) {
        const records = await fetcher.fetch([...missing.values()], signal)
        store.dispatch({ type: 'recordsLoaded', records, origin: 'refresh' })
        requests++
      }
      frontier = next
    }
    return { requests, blocks }
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
