import type { NotionClient, RecordChange, RecordKey, RecordValue } from '@notion-rx/core'
import { parseId, rowCollectionId } from '@notion-rx/protocol'
import { Subscription } from 'rxjs'
import { PipeError } from './pipeError.js'

/** Blocks whose content is a page of their own: below a source's root, followed as blocks, not entered. */
const PAGE_TYPES = new Set(['page', 'collection_view_page'])
const DATABASE_TYPES = new Set(['collection_view', 'collection_view_page'])
/** Re-reading a database's rows after `collection/<id>` notifications: at most this often. */
const ROW_RESCAN_MS = 200

function stringIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

const keyOf = (table: string, id: string): RecordKey => `${table}:${id}`

export interface FollowerEvents {
  /** A record started being followed (its current state may need an event). */
  followed(table: string, id: string): void
}

/**
 * What a pipe follows: for a page source, the page and every block of its content tree (child
 * pages as blocks, without entering them), and every database on it; for a database source, its
 * block, collection, views and rows. Following means holding the record in the client's store,
 * so the monitor subscribes to it; a database is also observed through `collection/<id>`, so
 * new rows are found. New children and rows are followed as they appear; a record deleted or
 * moved out leaves after its last event (`release`).
 */
export class SourceFollower {
  readonly #client: NotionClient
  readonly #events: FollowerEvents
  readonly #holds = new Map<RecordKey, () => void>()
  /** Blocks whose content is walked: the roots and every non-page block below them. */
  readonly #walked = new Set<string>()
  readonly #roots = new Set<string>()
  readonly #databases = new Map<string, () => void>()
  readonly #rescans = new Map<string, { running: boolean; again: boolean }>()
  readonly #subscriptions = new Subscription()
  readonly #pendingLoads = new Set<Promise<void>>()
  #closed = false

  constructor(client: NotionClient, events: FollowerEvents) {
    this.#client = client
    this.#events = events
  }

  /** Loads every source and follows what it contains. Rejects with `invalid_source` for a bad URL or missing page. */
  async start(sources: readonly string[]): Promise<void> {
    const monitor = this.#client.monitor
    if (!monitor) throw new PipeError('invalid_option', 'the pipe needs a client with live updates: new NotionClient({ ..., monitor: true })')
    this.#subscriptions.add(
      monitor.collectionChanges$.subscribe(({ collectionId }) => {
        if (this.#databases.has(collectionId)) this.#rescanRows(collectionId)
      }),
    )
    await this.#client.ready
    for (const source of sources) {
      let id: string
      try {
        id = parseId(source).id
      } catch (error) {
        throw new PipeError('invalid_source', `source ${JSON.stringify(source)} is not a Notion page or database URL or id`, { cause: error })
      }
      await this.#client.loadPage(id)
      const value = this.#client.store.getConfirmed('block', id)?.value
      if (!value || value['alive'] === false) {
        throw new PipeError('invalid_source', `source ${source}: no page or database with id ${id} is readable with this token`)
      }
      this.#roots.add(id)
      await this.#walk(id)
    }
  }

  get size(): number {
    return this.#holds.size
  }

  isFollowed(table: string, id: string): boolean {
    return this.#holds.has(keyOf(table, id))
  }

  keys(): RecordKey[] {
    return [...this.#holds.keys()]
  }

  /** Resolves when the loads started by changes so far (new children, new rows) are done. */
  async settled(): Promise<void> {
    while (this.#pendingLoads.size > 0) await Promise.all([...this.#pendingLoads])
  }

  /**
   * Whether a record's state lies inside the sources: alive, and (for blocks) in a followed
   * parent's content or a followed database. A record not inside gets its last event, then leaves.
   */
  isInside(table: string, id: string, value: RecordValue | undefined): boolean {
    if (!value || value['alive'] === false) return false
    if (table !== 'block') return true
    if (this.#roots.has(id)) return true
    const parentId = value['parent_id']
    if (typeof parentId !== 'string') return false
    const collectionId = rowCollectionId(value)
    if (collectionId !== undefined) return this.#databases.has(collectionId)
    return this.#walked.has(parentId)
  }

  /** Looks at a change of a followed record: follows new children, views and databases. */
  onChange(change: RecordChange): void {
    if (this.#closed || !this.isFollowed(change.table, change.id) || change.table !== 'block') return
    const after = change.after
    if (!after || !this.isInside('block', change.id, after)) return
    const added = change.changes.flatMap((field) => (field.kind === 'content_added' && this.#walked.has(change.id) ? (field.ids ?? []) : []))
    const viewsChanged = change.changes.some((field) => field.path[0] === 'view_ids' || field.path[0] === 'collection_id')
    if (added.length === 0 && !viewsChanged) return
    this.#track(
      (async () => {
        if (added.length > 0) await this.#client.loadRecords(added.map((id) => ({ table: 'block', id })))
        if (viewsChanged) await this.#walk(change.id)
        for (const id of added) await this.#walk(id)
      })(),
    )
  }

  /** Stops following a record (and the blocks of its content that were followed through it). */
  release(table: string, id: string): void {
    const pending = [keyOf(table, id)]
    while (pending.length > 0) {
      const key = pending.pop()!
      const release = this.#holds.get(key)
      if (!release) continue
      this.#holds.delete(key)
      release()
      const blockId = key.slice('block:'.length)
      if (!key.startsWith('block:') || this.#roots.has(blockId)) continue
      this.#walked.delete(blockId)
      const value = this.#client.store.getConfirmed('block', blockId)?.value
      for (const child of stringIds(value?.['content'])) {
        const childValue = this.#client.store.getConfirmed('block', child)?.value
        if (childValue?.['parent_id'] === blockId) pending.push(keyOf('block', child))
      }
    }
  }

  close(): void {
    this.#closed = true
    this.#subscriptions.unsubscribe()
    for (const release of this.#holds.values()) release()
    this.#holds.clear()
    for (const release of this.#databases.values()) release()
    this.#databases.clear()
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch(() => {
      // A failed load is retried by the next change of the parent; the monitor reports the error.
    })
    this.#pendingLoads.add(tracked)
    void tracked.finally(() => this.#pendingLoads.delete(tracked))
  }

  #follow(table: string, id: string): void {
    const key = keyOf(table, id)
    if (this.#holds.has(key) || this.#closed) return
    this.#holds.set(key, this.#client.store.hold(table, id))
    this.#events.followed(table, id)
  }

  /** Follows a block and what is below it (content, databases, views), loading what the store lacks. */
  async #walk(rootId: string): Promise<void> {
    const { store } = this.#client
    const queue = [rootId]
    while (queue.length > 0 && !this.#closed) {
      const level = queue.splice(0)
      const missing = level.filter((id) => !store.getConfirmed('block', id))
      if (missing.length > 0) await this.#client.loadRecords(missing.map((id) => ({ table: 'block', id })))
      for (const id of level) {
        const value = store.getConfirmed('block', id)?.value
        if (!value || !this.isInside('block', id, value)) continue
        this.#follow('block', id)
        const type = String(value['type'])
        if (DATABASE_TYPES.has(type)) await this.#followDatabase(value)
        if (this.#roots.has(id) || !PAGE_TYPES.has(type)) {
          this.#walked.add(id)
          queue.push(...stringIds(value['content']).filter((child) => !this.isFollowed('block', child)))
        }
      }
    }
  }

  async #followDatabase(block: RecordValue): Promise<void> {
    const viewIds = stringIds(block['view_ids'])
    if (viewIds.length > 0) await this.#client.loadRecords(viewIds.map((id) => ({ table: 'collection_view', id })))
    for (const viewId of viewIds) if (this.#client.store.getConfirmed('collection_view', viewId)?.value) this.#follow('collection_view', viewId)
    const pointer = (block['format'] as { collection_pointer?: { id?: unknown } } | undefined)?.collection_pointer?.id
    const collectionId = typeof block['collection_id'] === 'string' ? block['collection_id'] : typeof pointer === 'string' ? pointer : undefined
    if (!collectionId || this.#databases.has(collectionId)) return
    this.#databases.set(collectionId, this.#client.monitor!.observeCollection(collectionId))
    await this.#client.loadRecords([{ table: 'collection', id: collectionId }])
    this.#follow('collection', collectionId)
    await this.#scanRows(collectionId)
  }

  async #scanRows(collectionId: string): Promise<void> {
    const collection = await this.#client.getCollection(collectionId)
    for (const row of await collection.getRows()) {
      if (this.#closed) return
      const value = this.#client.store.getConfirmed('block', row.id)?.value
      if (this.isInside('block', row.id, value)) this.#follow('block', row.id)
    }
  }

  /** New rows show up only by asking the database again: once at a time, coalescing notifications. */
  #rescanRows(collectionId: string): void {
    let state = this.#rescans.get(collectionId)
    if (!state) this.#rescans.set(collectionId, (state = { running: false, again: false }))
    if (state.running) {
      state.again = true
      return
    }
    state.running = true
    const current = state
    this.#track(
      (async () => {
        try {
          do {
            current.again = false
            await this.#scanRows(collectionId)
            if (current.again) await new Promise((resolve) => setTimeout(resolve, ROW_RESCAN_MS))
          } while (current.again && !this.#closed)
        } finally {
          current.running = false
        }
      })(),
    )
  }
}
