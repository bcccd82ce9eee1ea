import type { Operation, OperationPointer } from '@notion-rx/protocol'
import { map, type Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import type { CollectionSchema } from './properties/collectionSchema.js'
import type { CollectionView } from './collectionView.js'
import { InvalidValueError } from '../records/invalidValueError.js'
import type { NotionRecord } from '../records/notionRecord.js'
import { resolveRecord } from '../records/recordRegistry.js'
import { queueWrite } from '../records/recordWrites.js'

/** View types `views.addNew` creates. */
export const NEW_VIEW_TYPES = ['table', 'board', 'list', 'calendar', 'gallery', 'timeline'] as const
export type NewViewType = (typeof NEW_VIEW_TYPES)[number]

const EMPTY: readonly string[] = Object.freeze([])

const DEFAULT_NAMES: Readonly<Record<NewViewType, string>> = {
  table: 'Table',
  board: 'Board',
  list: 'List',
  calendar: 'Calendar',
  gallery: 'Gallery',
  timeline: 'Timeline',
}

function firstOfType(schema: CollectionSchema, types: readonly string[]): string | undefined {
  return Object.entries(schema).find(([, property]) => types.includes(property.type))?.[0]
}

/**
 * The operations creating a view of `type` on the database block `block` (the view record, then
 * `listAfter` on the block's `view_ids`). Every property is listed in the view's `*_properties`,
 * in schema order, so Notion shows columns in that order (notion-py issue #265); boards group by
 * the first select or status property, calendars and timelines by the first date property.
 */
export function viewOperations(
  context: ClientContext,
  block: OperationPointer,
  collectionId: string,
  schema: CollectionSchema,
  type: NewViewType,
  name?: string,
): { id: string; operations: Operation[] } {
  if (!(NEW_VIEW_TYPES as readonly string[]).includes(type)) {
    throw new InvalidValueError('invalid_value', {
      recordId: block.id,
      table: block.table,
      accessor: 'views.addNew',
      accepts: `a view type: ${NEW_VIEW_TYPES.join(', ')}`,
      value: type,
    })
  }
  const id = context.newId()
  const spaceId = block.spaceId
  const pointer: OperationPointer = spaceId === undefined ? { table: 'collection_view', id } : { table: 'collection_view', id, spaceId }
  const properties = Object.keys(schema).map((property) => ({ property, visible: type === 'table' || property === 'title' }))
  const format: Record<string, unknown> = {
    [`${type}_properties`]: properties,
    collection_pointer: spaceId === undefined ? { id: collectionId, table: 'collection' } : { id: collectionId, spaceId, table: 'collection' },
  }
  const query2: Record<string, unknown> = {}
  if (type === 'board') {
    const groupBy = firstOfType(schema, ['select', 'status', 'multi_select'])
    if (groupBy) format['board_columns_by'] = { type: schema[groupBy]!.type, property: groupBy, sort: { type: 'manual' }, hideEmptyGroups: false }
  }
  if (type === 'calendar' || type === 'timeline') {
    const dateBy = firstOfType(schema, ['date', 'created_time', 'last_edited_time'])
    if (dateBy) {
      if (type === 'calendar') query2['calendar_by'] = dateBy
      else query2['timeline_by'] = dateBy
    }
  }
  if (type === 'gallery') format['gallery_cover'] = { type: 'page_cover' }
  const userId = context.currentUserId()
  const record = {
    id,
    version: 1,
    type,
    name: name ?? DEFAULT_NAMES[type],
    alive: true,
    parent_id: block.id,
    parent_table: 'block',
    ...(spaceId === undefined ? {} : { space_id: spaceId }),
    format,
    query2,
    page_sort: [],
    created_time: context.now(),
    ...(userId === undefined ? {} : { created_by_id: userId, created_by_table: 'notion_user' }),
  }
  return {
    id,
    operations: [
      { pointer, path: [], command: 'set', args: record },
      { pointer: block, path: ['view_ids'], command: 'listAfter', args: { id } },
    ],
  }
}

/** A database block's views (`view_ids`), in order; `addNew(type)` creates one. */
export class CollectionViews implements Iterable<CollectionView> {
  readonly block: NotionRecord
  readonly #collectionId: () => string | undefined
  readonly #schema: () => CollectionSchema

  constructor(block: NotionRecord, collectionId: () => string | undefined, schema: () => CollectionSchema) {
    this.block = block
    this.#collectionId = collectionId
    this.#schema = schema
  }

  get ids(): readonly string[] {
    const ids = this.block.value?.['view_ids']
    return Array.isArray(ids) ? (ids as string[]) : EMPTY
  }

  get ids$(): Observable<readonly string[]> {
    return this.block.field(['view_ids']).pipe(map((ids) => (Array.isArray(ids) ? (ids as string[]) : EMPTY)))
  }

  get length(): number {
    return this.ids.length
  }

  at(index: number): CollectionView | undefined {
    const id = Number.isInteger(index) ? this.ids.at(index) : undefined
    return id === undefined ? undefined : this.#view(id)
  }

  *[Symbol.iterator](): Iterator<CollectionView> {
    for (const id of this.ids) yield this.#view(id)
  }

  /**
   * Creates a view (`table`, `board`, `list`, `calendar`, `gallery`, `timeline`) at the end of the
   * block's views; returns it at once, already in the store.
   * @throws InvalidValueError for another type, or when the block has no collection yet
   * @example const board = cvb.views.addNew('board', { name: 'By status' })
   */
  addNew(type: NewViewType, options: { name?: string } = {}): CollectionView {
    const collectionId = this.#collectionId()
    if (collectionId === undefined) {
      throw new InvalidValueError('invalid_value', {
        recordId: this.block.id,
        table: this.block.table,
        accessor: 'views.addNew',
        accepts: 'a database block with a collection',
      })
    }
    const { id, operations } = viewOperations(this.block.context, this.block.pointer(), collectionId, this.#schema(), type, options.name)
    void queueWrite(this.block.context, operations)
    return this.#view(id)
  }

  #view(id: string): CollectionView {
    return resolveRecord(this.block.context, 'collection_view', id) as CollectionView
  }
}
