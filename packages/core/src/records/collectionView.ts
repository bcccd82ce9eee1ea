import type { CollectionViewType } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import type { CollectionQuery, ExecuteOptions, QueryOptions } from '../collections/collectionQuery.js'
import { fromViewQuery2, type FromViewQuery2Options } from '../collections/fromViewQuery2.js'
import type { LiveQueryOptions } from '../collections/liveQuery.js'
import type { QueryBuilder } from '../collections/queryBuilder.js'
import type { Block } from './block.js'
import type { Collection } from './collection.js'
import { NotionRecord } from './notionRecord.js'
import { resolveRecord } from './recordResolver.js'

function collectionIdIn(value: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const pointer = (value?.['format'] as { collection_pointer?: { id?: unknown } } | undefined)?.collection_pointer?.id
  if (typeof pointer === 'string') return pointer
  const id = value?.['collection_id']
  return typeof id === 'string' ? id : undefined
}

/**
 * One view of a database (`collection_view` record): `name`, `type` (table, board, ...), its
 * `collection`, the block showing it (`parent`), its manual order (`pageSort`) and saved query
 * (`query2`). `query(options)` builds a query through this view's order; `defaultQuery()` runs
 * the view's own filters, sorts, aggregations and grouping.
 */
export class CollectionView extends NotionRecord {
  constructor(context: ClientContext, id: string) {
    super(context, 'collection_view', id)
  }

  get name(): string {
    const name = this.get('name')
    return typeof name === 'string' ? name : ''
  }

  set name(value: string) {
    void this.set(['name'], String(value))
  }

  get name$(): Observable<string> {
    return this.select((value) => (typeof value?.['name'] === 'string' ? value['name'] : ''))
  }

  get type(): CollectionViewType | undefined {
    const type = this.get('type')
    return typeof type === 'string' ? type : undefined
  }

  /** The block showing the view (a `collection_view`, `collection_view_page` or linked database). */
  get parent(): Block | undefined {
    const parentId = this.get('parent_id')
    return typeof parentId === 'string' ? (resolveRecord(this.context, 'block', parentId) as Block) : undefined
  }

  /**
   * The database's id: the view's `format.collection_pointer` or `collection_id`, else its block's
   * (`collection_id` or, on newer databases, `format.collection_pointer`).
   */
  get collectionId(): string | undefined {
    return collectionIdIn(this.value) ?? collectionIdIn(this.parent?.value)
  }

  /** The database (loaded by `client.getCollectionView`); undefined when no collection is known. */
  get collection(): Collection | undefined {
    const id = this.collectionId
    return id === undefined ? undefined : (resolveRecord(this.context, 'collection', id) as Collection)
  }

  /** Manual row order (may list rows that no longer exist). */
  get pageSort(): readonly string[] {
    const ids = this.get('page_sort')
    return Array.isArray(ids) ? (ids as string[]) : []
  }

  /** The saved query (filters, sorts, aggregations), as stored. */
  get query2(): Readonly<Record<string, unknown>> | undefined {
    const query = this.get('query2')
    return query && typeof query === 'object' ? (query as Record<string, unknown>) : undefined
  }

  /**
   * A query of the view's collection through this view's manual order.
   * @throws UnknownPropertyError, InvalidQueryError before anything is sent
   * @example await cv.query({ filter: where('person', 'person_does_not_contain', me), sort: { property: 'estimatedValue', direction: 'ascending' } }).execute()
   */
  query(options: QueryOptions | QueryBuilder = {}, run: ExecuteOptions & LiveQueryOptions = {}): CollectionQuery {
    return this.#requireCollection().query(options, run, this.id)
  }

  /** A builder holding the view's saved query (`query2` filters, sorts, aggregations; board grouping). */
  defaultBuilder(options: FromViewQuery2Options = {}): QueryBuilder {
    const collection = this.#requireCollection()
    const value = this.value ?? {}
    return fromViewQuery2(value as Parameters<typeof fromViewQuery2>[0], collection.schema, options)
  }

  /** The view's own query, as the Notion UI shows it (notion-py's `default_query`, from query2). */
  defaultQuery(run: ExecuteOptions & LiveQueryOptions = {}): CollectionQuery {
    return this.#requireCollection().query(this.defaultBuilder(), run, this.id)
  }

  #requireCollection(): Collection {
    const collection = this.collection
    if (!collection) throw new Error(`Collection view ${this.id} has no known collection (load it with client.getCollectionView)`)
    return collection
  }
}
