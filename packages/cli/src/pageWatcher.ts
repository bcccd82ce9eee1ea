import { CollectionViewBlock, recordFor, type NotionClient, type RecordChange } from '@notion-rx/core'
import { rowCollectionId } from '@notion-rx/protocol'
import { filter, Subscription } from 'rxjs'

/** Blocks whose content is a page of its own: watched as a whole page only when it is the root. */
const PAGE_TYPES = new Set(['page', 'collection_view_page'])

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/**
 * Keeps a page, every block under it (sub-pages included, one level: their titles), its inline
 * databases and their rows observed, so the client's monitor subscribes to all of them, and
 * reports each change to them. New blocks and rows are picked up as they appear.
 */
export class PageWatcher {
  readonly #client: NotionClient
  readonly #rootId: string
  readonly #subscriptions = new Subscription()
  readonly #observed = new Set<string>()
  /** Ids of the databases on the page. */
  readonly #databases = new Set<string>()

  constructor(client: NotionClient, rootId: string) {
    this.#client = client
    this.#rootId = rootId
  }

  /** Loads the page and starts watching; `onChange` gets every change to a watched record. */
  async start(onChange: (change: RecordChange) => void): Promise<void> {
    await this.#client.loadPage(this.#rootId)
    this.#observeTree()
    await this.#loadRows()
    this.#subscriptions.add(
      this.#client.changes$.pipe(filter((change) => this.#isWatched(change))).subscribe((change) => {
        const added = change.changes.flatMap((field) => (field.kind === 'content_added' ? (field.ids ?? []) : []))
        if (added.length === 0) {
          onChange(change)
          return
        }
        // Load the new blocks first, so the line can say what was added, then watch them too.
        void this.#client
          .loadRecords(added.map((id) => ({ table: 'block', id })))
          .catch(() => {})
          .then(() => {
            onChange(change)
            this.#observeTree()
          })
      }),
    )
    const monitor = this.#client.monitor
    if (monitor) {
      // A row added to a database only shows up by asking the database again.
      this.#subscriptions.add(
        monitor.collectionChanges$.subscribe(({ collectionId }) => {
          if (this.#databases.has(collectionId)) void this.#loadRows([collectionId])
        }),
      )
    }
  }

  /** How many records are being watched. */
  get size(): number {
    return this.#observed.size
  }

  stop(): void {
    this.#subscriptions.unsubscribe()
  }

  /** A watched record, or a row that just appeared in a watched database. */
  #isWatched(change: RecordChange): boolean {
    if (this.#observed.has(`${change.table}:${change.id}`)) return true
    const value = change.after ?? change.before
    const collectionId = change.table === 'block' ? rowCollectionId(value) : undefined
    return collectionId !== undefined && this.#databases.has(collectionId)
  }

  #observe(table: string, id: string): void {
    const key = `${table}:${id}`
    if (this.#observed.has(key)) return
    this.#observed.add(key)
    // Observing is what makes the monitor subscribe: the value itself comes through changes$.
    this.#subscriptions.add(this.#client.store.select(table, id).subscribe())
  }

  #observeTree(): void {
    const { store } = this.#client
    const pending = [this.#rootId]
    const seen = new Set<string>()
    while (pending.length > 0) {
      const id = pending.pop()!
      if (seen.has(id)) continue
      seen.add(id)
      const value = store.get('block', id)?.value
      if (!value) continue
      this.#observe('block', id)
      const type = String(value['type'])
      if (id === this.#rootId || !PAGE_TYPES.has(type)) pending.push(...stringArray(value['content']))
      const block = recordFor(this.#client, 'block', id)
      if (block instanceof CollectionViewBlock) {
        const collectionId = block.collectionId
        if (collectionId && !this.#databases.has(collectionId)) {
          this.#observe('collection', collectionId)
          this.#databases.add(collectionId)
        }
      }
    }
  }

  async #loadRows(collectionIds: string[] = [...this.#databases]): Promise<void> {
    for (const collectionId of collectionIds) {
      if (!this.#databases.has(collectionId)) continue
      const collection = await this.#client.getCollection(collectionId)
      for (const row of await collection.getRows()) this.#observe('block', row.id)
    }
  }
}
