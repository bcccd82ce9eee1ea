import { rowCollectionId } from '@notion-rx/protocol'
/** A record value as a source holds it (a block, collection, collection view or user). */
export type RecordValueLike = Readonly<Record<string, unknown>>

/**
 * Where page → markdown reads records from. Keeping it this small keeps @notion-rx/markdown
 * independent of @notion-rx/core: `recordMapSource` adapts a NormalizedRecordMap (fixtures, API
 * responses) or the client's store snapshot alike.
 */
export interface RecordSource {
  getBlock(id: string): RecordValueLike | undefined
  getCollection(id: string): RecordValueLike | undefined
  getCollectionView(id: string): RecordValueLike | undefined
  /** For mention names. */
  getUser(id: string): RecordValueLike | undefined
  /**
   * The row ids of a database view, in order (a query result). Undefined when unknown: the rows
   * the source holds for the collection are used, in source order.
   */
  getRows?(collectionId: string, viewId: string | undefined): readonly string[] | undefined
}

/** Any `{ [table]: { [id]: { value } } }` map: a NormalizedRecordMap or a RecordStore snapshot. */
export type RecordMapLike = Readonly<Partial<Record<string, Readonly<Record<string, { readonly value?: RecordValueLike | undefined } | undefined>>>>>

export interface RecordMapSourceOptions {
  /**
   * Query results by view id (or `collectionId:viewId`): row ids in order.
   * @default {} (rows held in the map, in map order)
   * @example { '448a76b8-…': ['e744573e-…', '5ed8919b-…'] }
   */
  rows?: Readonly<Record<string, readonly string[]>>
}

/**
 * A RecordSource over a record map (`recordMap`, or `client.store.snapshot`).
 * @example pageToMarkdown(recordMapSource(response.recordMap), pageId)
 */
export function recordMapSource(map: RecordMapLike, options?: RecordMapSourceOptions): RecordSource {
  const value = (table: string, id: string) => {
    const entry = map[table]?.[id]
    return entry?.value ?? undefined
  }
  let rowsByCollection: Map<string, string[]> | undefined
  return {
    getBlock: (id) => value('block', id),
    getCollection: (id) => value('collection', id),
    getCollectionView: (id) => value('collection_view', id),
    getUser: (id) => value('notion_user', id),
    getRows(collectionId, viewId) {
      const given = viewId === undefined ? undefined : (options?.rows?.[`${collectionId}:${viewId}`] ?? options?.rows?.[viewId])
      if (given !== undefined) return given
      // Built once: the rows each collection holds in the map.
      rowsByCollection ??= collectRows(map)
      return rowsByCollection.get(collectionId) ?? []
    },
  }
}

function collectRows(map: RecordMapLike): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  for (const [id, entry] of Object.entries(map['block'] ?? {})) {
    const block = entry?.value
    const collectionId = rowCollectionId(block)
    if (collectionId === undefined || block?.['alive'] === false) continue
    const list = rows.get(collectionId) ?? []
    list.push(id)
    rows.set(collectionId, list)
  }
  return rows
}
