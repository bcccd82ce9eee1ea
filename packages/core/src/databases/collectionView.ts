import type { CollectionViewType } from '@notion-rx/protocol'
import { scan, type Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import { calendarFromResult, type CalendarOptions, type CalendarResult } from './layouts/calendarResult.js'
import type { CollectionQuery, QueryOptions } from './query/collectionQuery.js'
import type { ExecuteOptions } from './query/runQuery.js'
import type { CollectionSchema } from './properties/collectionSchema.js'
import { dateWindowFilter, readDateWindow, type DateWindow } from './layouts/dateWindow.js'
import { fromViewQuery2, type FromViewQuery2Options } from './query/fromViewQuery2.js'
import type { LiveQueryOptions } from './live/liveQuery.js'
import type { QueryBuilder } from './query/queryBuilder.js'
import type { QueryResult } from './query/queryResult.js'
import { timelineFromResult, type TimelineOptions, type TimelineResult } from './layouts/timelineResult.js'
import { viewDateLayout, type ViewDateLayout, type ViewLayoutKind } from './layouts/viewDateLayout.js'
import type { Block } from '../records/block.js'
import type { Collection } from './collection.js'
import { NotionRecord } from '../records/notionRecord.js'
import { resolveRecord } from '../records/recordRegistry.js'

function collectionIdIn(value: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const pointer = (value?.['format'] as { collection_pointer?: { id?: unknown } } | undefined)?.collection_pointer?.id
  if (typeof pointer === 'string') return pointer
  const id = value?.['collection_id']
  return typeof id === 'string' ? id : undefined
}

interface LayoutPlan {
  readonly layout: ViewDateLayout
  readonly query: CollectionQuery
  /** Read at each layout, so a live calendar decodes rows with the schema of the moment. */
  readonly context: { readonly schema: CollectionSchema; readonly timeZone: string }
}

/**
 * One view of a database (`collection_view` record): `name`, `type` (table, board, ...), its
 * `collection`, the block showing it (`parent`), its manual order (`pageSort`) and saved query
 * (`query2`). `query(options)` builds a query through this view's order; `defaultQuery()` runs
 * the view's own filters, sorts, aggregations and grouping; `calendar()` and `timeline()` lay a
 * calendar or timeline view's rows out by date.
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

  /**
   * A calendar view's rows between two days, by day: the view's saved query narrowed on the
   * server to rows whose date (`query2.calendar_by`) overlaps `[from, to]`, so only that window's
   * rows travel. A range is listed on each day it covers in the window.
   * @throws ViewLayoutError for a view that is not a calendar, or a database without a date property;
   * InvalidQueryError for unreadable bounds or time zone (all before anything is sent)
   * @example
   * const march = await view.calendar({ from: '2024-03-01', to: '2024-03-31', timeZone: 'Europe/Paris' })
   * for (const [day, entries] of march.days) console.log(day, entries.map((e) => e.values.name))
   */
  async calendar(options: CalendarOptions): Promise<CalendarResult> {
    const window = readDateWindow(options, options?.timeZone ?? 'UTC', true)
    const { layout, query, context } = this.#layoutPlan('calendar', options, window)
    return calendarFromResult(await query.execute(), layout, window, context)
  }

  /**
   * `calendar(options)` now and whenever it changes: the live form of the same query
   * (`results$`), laid out again on each emission. Entries of unchanged rows are kept by reference.
   */
  calendar$(options: CalendarOptions): Observable<CalendarResult> {
    const window = readDateWindow(options, options?.timeZone ?? 'UTC', true)
    const { layout, query, context } = this.#layoutPlan('calendar', options, window)
    return query.results$.pipe(
      scan<QueryResult, CalendarResult, undefined>((previous, result) => calendarFromResult(result, layout, window, context, previous), undefined),
    )
  }

  /**
   * A timeline view's rows by start: bars from `query2.timeline_by` to `query2.timeline_by_end`
   * (when the view has one), and the rows without a date apart. With `from`/`to`, the server
   * returns only bars overlapping the window (and the undated rows).
   * @throws ViewLayoutError for a view that is not a timeline, or a database without a date property;
   * InvalidQueryError for unreadable bounds or time zone
   * @example const { entries, undated } = await view.timeline({ from: '2024-01-01', to: '2024-06-30' })
   */
  async timeline(options: TimelineOptions = {}): Promise<TimelineResult> {
    const window = readDateWindow(options, options.timeZone ?? 'UTC')
    const { layout, query, context } = this.#layoutPlan('timeline', options, window)
    return timelineFromResult(await query.execute(), layout, window, context)
  }

  /** `timeline(options)` now and whenever it changes (the live query's `results$`, laid out again). */
  timeline$(options: TimelineOptions = {}): Observable<TimelineResult> {
    const window = readDateWindow(options, options.timeZone ?? 'UTC')
    const { layout, query, context } = this.#layoutPlan('timeline', options, window)
    return query.results$.pipe(
      scan<QueryResult, TimelineResult, undefined>((previous, result) => timelineFromResult(result, layout, window, context, previous), undefined),
    )
  }

  /** The view's saved query narrowed to the window, and what lays its result out. */
  #layoutPlan(kind: ViewLayoutKind, options: CalendarOptions | TimelineOptions, window: DateWindow): LayoutPlan {
    // The bounds are the window's (read by the caller); the rest runs the query.
    const { from: _from, to: _to, timeZone = 'UTC', ...run } = options
    const collection = this.#requireCollection()
    const layout = viewDateLayout({ ...this.value, id: this.id }, collection.schema, kind)
    const filter = dateWindowFilter(layout, window, kind === 'timeline')
    const saved = this.defaultBuilder({ timeZone })
    const query = collection.query(filter ? saved.narrow(filter) : saved, run, this.id)
    return {
      layout,
      query,
      context: {
        get schema() {
          return collection.schema
        },
        timeZone,
      },
    }
  }

  #requireCollection(): Collection {
    const collection = this.collection
    if (!collection) throw new Error(`Collection view ${this.id} has no known collection (load it with client.getCollectionView)`)
    return collection
  }
}
