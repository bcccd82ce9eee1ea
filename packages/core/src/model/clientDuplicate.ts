import type { OperationPointer } from '@notion-rx/protocol'
import type { Block } from '../records/block.js'
import type { DuplicateOptions } from '../records/duplicateOptions.js'
import type { NotionRecord } from '../records/notionRecord.js'
import type { PageBlock } from '../records/pageBlocks.js'
import { PartialDuplicateError, type DuplicatedRecords } from '../records/partialDuplicateError.js'
import { PartFailure, planParts, writeParts, type PlannedWrite } from '../records/writeInParts.js'
import type { RecordValue } from '../store/snapshot.js'
import { recordFor } from './recordFor.js'
import { newPropertyIds, remapPropertyRefs, remapRowProperties, remapSchema, type PropertyIdMap } from './remapPropertyIds.js'
import { collectSubtree, loadSubtree, type SubtreeRecord } from './subtreeRecords.js'

/** Fields a copy never takes over: the server stamps them afresh, or they belong to the original. */
const DROPPED_KEYS = ['version', 'created_time', 'created_by_id', 'created_by_table', 'last_edited_time', 'last_edited_by_id', 'last_edited_by_table', 'discussions', 'permissions']
const ID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}/gi

/** Where the copy's root goes: its parent record and list, and the sibling it follows. */
export interface CopyPlace {
  parent: NotionRecord
  listKey: 'content' | 'pages'
  after?: string | undefined
  spaceId: string | undefined
  /** The copy's title as rich text, when the caller gave one. */
  title?: unknown
}

/**
 * The SDK's own copy (docs/records.md#duplicating-pages): reads the whole subtree through the
 * page's client, plans every record with a new id (database property ids too), re-points ids that
 * name copied records, and writes through the parent's client (another account, another space) in
 * ordered transactions under the size limit, parents first.
 */
export async function clientDuplicate(source: Block, place: CopyPlace, options: DuplicateOptions): Promise<PageBlock> {
  const { signal } = options
  const reader = source.context
  const writer = place.parent.context
  const deep = options.deep ?? true
  const rowsOf = await loadSubtree(reader, source.id, deep, signal)
  const records = collectSubtree(reader, source.id, rowsOf, deep)

  const ids = new Map<string, string>()
  for (const record of records) ids.set(record.id, writer.newId())
  const rootId = ids.get(source.id)!
  const sourceSpace = source.spaceId
  if (sourceSpace !== undefined && place.spaceId !== undefined && sourceSpace !== place.spaceId) ids.set(sourceSpace, place.spaceId)
  for (const [from, to] of [...ids]) ids.set(from.replace(/-/g, ''), to.replace(/-/g, ''))
  const propertyIds = new Map<string, PropertyIdMap>()
  for (const record of records) if (record.table === 'collection') propertyIds.set(record.id, newPropertyIds(record.value['schema']))
  const idsOf = (collectionId: unknown) => (typeof collectionId === 'string' ? propertyIds.get(collectionId) : undefined)

  const userId = writer.currentUserId()
  const now = writer.now()
  const pointerOf = (table: string, id: string): OperationPointer => (place.spaceId === undefined ? { table, id } : { table, id, spaceId: place.spaceId })
  const repoint = (value: RecordValue): Record<string, unknown> =>
    JSON.parse(JSON.stringify(value).replace(ID_PATTERN, (id) => ids.get(id.toLowerCase()) ?? id)) as Record<string, unknown>

  const planned: PlannedWrite[] = records.map((record) => {
    let value: Record<string, unknown> = { ...withPropertyIds(record, idsOf) }
    value = repoint(value)
    for (const key of DROPPED_KEYS) delete value[key]
    const newId = ids.get(record.id)!
    value = {
      ...value,
      id: newId,
      version: 1,
      alive: true,
      copied_from: record.id,
      ...(place.spaceId === undefined ? {} : { space_id: place.spaceId }),
      ...(record.table === 'block' ? { created_time: now, last_edited_time: now, ...(userId === undefined ? {} : { created_by_id: userId, created_by_table: 'notion_user' }) } : {}),
    }
    if (record.id === source.id) {
      value['parent_id'] = place.parent.id
      value['parent_table'] = place.parent.table
      // A top-level page needs a permission to be visible, as Space.addPage gives it.
      if (place.parent.table === 'space') value['permissions'] = [userId === undefined ? { role: 'editor', type: 'space_permission' } : { role: 'editor', type: 'user_permission', user_id: userId }]
      if (place.title !== undefined) value['properties'] = { ...(value['properties'] as Record<string, unknown> | undefined), title: place.title }
      return {
        pointer: pointerOf('block', newId),
        value,
        lists: ['content', 'view_ids'],
        listing: { pointer: place.parent.pointer(), key: place.listKey, ...(place.after === undefined ? {} : { after: place.after }) },
        depth: 0,
      }
    }
    const parentId = String(value['parent_id'])
    const listing =
      record.table === 'collection_view'
        ? { pointer: pointerOf('block', parentId), key: 'view_ids' }
        : record.table === 'block' && record.collectionId === undefined
          ? { pointer: pointerOf('block', parentId), key: 'content' }
          : undefined
    return { pointer: pointerOf(record.table, newId), value, lists: record.table === 'block' ? ['content', 'view_ids'] : [], ...(listing ? { listing } : {}), depth: record.depth }
  })

  const parts = planParts(planned, { maxPartBytes: options.maxPartBytes, maxPartRecords: options.maxPartRecords })
  options.onProgress?.({ path: 'client', copied: 0, total: planned.length, part: 0, parts: parts.length })
  try {
    await writeParts(writer, parts, {
      signal,
      onProgress: (progress) => options.onProgress?.({ path: 'client', copied: progress.records, total: progress.totalRecords, part: progress.part, parts: progress.parts }),
    })
  } catch (error) {
    if (!(error instanceof PartFailure)) throw error
    const tableOf = new Map(planned.map((write) => [write.pointer.id, write.pointer.table]))
    const created: DuplicatedRecords = { block: [], collection: [], collection_view: [] }
    for (const id of error.committedIds) (created[tableOf.get(id) as keyof DuplicatedRecords] as string[]).push(id)
    throw new PartialDuplicateError({ pageId: rootId, sourceId: source.id, created, partsCommitted: error.partsCommitted, parts: error.parts, totalRecords: error.totalRecords, cause: error.cause })
  }
  return recordFor(writer, 'block', rootId) as PageBlock
}

/** A record with its database's new property ids: a collection's schema and settings, a view's query and format, a row's cells. */
function withPropertyIds(record: SubtreeRecord, idsOf: (collectionId: unknown) => PropertyIdMap | undefined): RecordValue {
  const { value } = record
  if (record.table === 'collection') {
    const ids = idsOf(record.id)!
    return { ...value, schema: remapSchema(value['schema'], ids, idsOf), ...(value['format'] === undefined ? {} : { format: remapPropertyRefs(value['format'], ids) }) }
  }
  if (record.table === 'collection_view') {
    const ids = idsOf(record.collectionId)
    if (ids === undefined) return value
    const out: Record<string, unknown> = { ...value }
    for (const key of ['query2', 'query', 'format']) if (value[key] !== undefined) out[key] = remapPropertyRefs(value[key], ids)
    return out
  }
  if (record.collectionId !== undefined) {
    const ids = idsOf(record.collectionId)
    if (ids !== undefined) return { ...value, properties: remapRowProperties(value['properties'], ids) }
  }
  return value
}
