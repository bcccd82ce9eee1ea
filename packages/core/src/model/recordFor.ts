import type { ClientContext } from '../clientContext.js'
import { recordKey, type RecordKey } from '../store/snapshot.js'
import type { Block } from '../records/block.js'
import { blockClassFor } from './blockRegistry.js'
import { Collection } from '../databases/collection.js'
import { CollectionView } from '../databases/collectionView.js'
import { NotionRecord } from '../records/notionRecord.js'
import type { BlockClass } from '../records/recordRegistry.js'
import { Space } from '../records/space.js'
import { User } from '../records/user.js'

// Fills in records/' RecordClassMap (types only): rows name their Collection through it.
declare module '../records/recordClassMap.js' {
  interface RecordClassMap {
    collection: Collection
    collection_view: CollectionView
  }
}

type RecordCache = Map<RecordKey, WeakRef<NotionRecord>>

const caches = new WeakMap<ClientContext, RecordCache>()
const collected = new FinalizationRegistry<{ cache: RecordCache; key: RecordKey }>(({ cache, key }) => {
  if (cache.get(key)?.deref() === undefined) cache.delete(key)
})

function blockClassIn(context: ClientContext, id: string): BlockClass {
  const value = context.store.get('block', id)?.value
  const type = value?.['type']
  return blockClassFor(typeof type === 'string' ? type : undefined, value)
}

function createRecord(context: ClientContext, table: string, id: string): NotionRecord {
  if (table === 'block') return new (blockClassIn(context, id))(context, id)
  if (table === 'space') return new Space(context, id)
  if (table === 'notion_user') return new User(context, id)
  if (table === 'collection') return new Collection(context, id)
  if (table === 'collection_view') return new CollectionView(context, id)
  return new NotionRecord(context, table, id)
}

/**
 * The record object for `table`/`id` in `context`: for blocks, of the class of the block's type as
 * the store holds it now (Block while it is not loaded; a new object after `convertTo`). Objects
 * are cached per context while referenced; compare them with `equals`, not `===`.
 */
export function recordFor(context: ClientContext, table: 'block', id: string): Block
export function recordFor(context: ClientContext, table: 'space', id: string): Space
export function recordFor(context: ClientContext, table: 'notion_user', id: string): User
export function recordFor(context: ClientContext, table: 'collection', id: string): Collection
export function recordFor(context: ClientContext, table: 'collection_view', id: string): CollectionView
export function recordFor(context: ClientContext, table: string, id: string): NotionRecord
export function recordFor(context: ClientContext, table: string, id: string): NotionRecord {
  let cache = caches.get(context)
  if (!cache) {
    cache = new Map()
    caches.set(context, cache)
  }
  const key = recordKey(table, id)
  const cached = cache.get(key)?.deref()
  // A block whose type (hence class) changed gets a new object; the old one still reads the store.
  if (cached && (table !== 'block' || cached.constructor === blockClassIn(context, id))) return cached
  const record = createRecord(context, table, id)
  cache.set(key, new WeakRef(record))
  collected.register(record, { cache, key })
  return record
}
