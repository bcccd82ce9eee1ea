import { decodeRow, type CollectionSchema, type RecordValue, type RowValue } from '@notion-rx/core'
import { diffRecord, type RecordStore } from '@notion-rx/core/advanced'
import { toMarkdown } from '@notion-rx/markdown'
import type { RichText } from '@notion-rx/protocol'
import { PIPE_EVENT_VERSION, type PipeEvent, type PipeEventAction, type PipeEventData, type PipeRecordKind } from './pipeEvent.js'

/** Parent chains are walked at most this deep (a cycle in bad data must not hang the pipe). */
const MAX_DEPTH = 64
const PAGE_TYPES = new Set(['page', 'collection_view_page'])

export interface EventInput {
  table: string
  id: string
  /** What was last delivered (undefined: nothing yet). */
  delivered: { version: number; value: RecordValue | undefined } | undefined
  /** The record now. */
  current: { version: number; value: RecordValue | undefined }
  /** The initial copy of `snapshot: true`. */
  snapshot: boolean
}

export interface EventContext {
  store: RecordStore
  /** The CloudEvents `source`. */
  source: string
  markdown: boolean
  now: () => number
}

const TABLE_KINDS: Record<string, PipeRecordKind> = { collection: 'collection', collection_view: 'view' }

function kindOf(table: string, value: RecordValue | undefined): PipeRecordKind {
  if (table === 'block') return value?.['parent_table'] === 'collection' ? 'row' : 'block'
  return TABLE_KINDS[table] ?? 'block'
}

const isAlive = (value: RecordValue | undefined): boolean => value !== undefined && value['alive'] !== false

function actionOf(input: EventInput): PipeEventAction {
  const before = input.delivered?.value
  const after = input.current.value
  if (input.snapshot) return 'snapshot'
  if (!isAlive(after)) return isAlive(before) || input.delivered === undefined ? 'deleted' : 'updated'
  return isAlive(before) ? 'updated' : 'created'
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/** The page a block is on: itself for a page or row, else the nearest page above it. */
function pageOf(store: RecordStore, table: string, value: RecordValue | undefined, id: string): string | null {
  if (table !== 'block') return null
  let currentId = id
  let current = value
  for (let depth = 0; depth < MAX_DEPTH && current; depth++) {
    if (PAGE_TYPES.has(String(current['type']))) return currentId
    if (current['parent_table'] !== 'block' || typeof current['parent_id'] !== 'string') return null
    currentId = current['parent_id']
    current = store.getConfirmed('block', currentId)?.value
  }
  return null
}

function databaseOf(store: RecordStore, table: string, value: RecordValue | undefined, id: string): string | null {
  if (!value) return null
  if (table === 'collection') return id
  if (table === 'collection_view') {
    const pointer = (value['format'] as { collection_pointer?: { id?: unknown } } | undefined)?.collection_pointer
    const parent = typeof value['parent_id'] === 'string' ? store.getConfirmed('block', value['parent_id'])?.value : undefined
    const parentPointer = (parent?.['format'] as { collection_pointer?: { id?: unknown } } | undefined)?.collection_pointer
    return str(pointer?.id) ?? str(parent?.['collection_id']) ?? str(parentPointer?.id)
  }
  if (value['parent_table'] === 'collection') return str(value['parent_id'])
  const blockPointer = (value['format'] as { collection_pointer?: { id?: unknown } } | undefined)?.collection_pointer
  return str(value['collection_id']) ?? str(blockPointer?.id)
}

/** A row's properties by name, decoded by its database's schema (the current schema, for both sides). */
function decodedProperties(schema: CollectionSchema, value: RecordValue | undefined): Record<string, unknown> | null {
  if (!value) return null
  const byId = decodeRow(schema, value as RowValue)
  const byName: Record<string, unknown> = {}
  for (const [propertyId, decoded] of Object.entries(byId)) byName[schema[propertyId]?.name ?? propertyId] = decoded
  return byName
}

function titleMarkdown(value: RecordValue | undefined): string | null {
  const title = (value?.['properties'] as Record<string, unknown> | undefined)?.['title']
  if (!Array.isArray(title)) return value ? '' : null
  try {
    return toMarkdown(title as RichText)
  } catch {
    return null
  }
}

/** The CloudEvent for one record going from what was delivered to what it is now. */
export function buildEvent(input: EventInput, context: EventContext): PipeEvent {
  const { table, id, delivered, current, snapshot } = input
  const before = snapshot ? undefined : delivered?.value
  const after = current.value
  const previousVersion = snapshot || delivered === undefined ? null : delivered.version
  const kind = kindOf(table, after ?? before)
  const action = actionOf(input)
  const value = after ?? before
  const authorId = str(value?.['last_edited_by_id']) ?? str(value?.['last_edited_by'])
  const edited = value?.['last_edited_time']
  const data: PipeEventData = {
    table,
    id,
    version: current.version,
    previousVersion,
    catchUp: !snapshot && current.version - (previousVersion ?? 0) > 1,
    spaceId: str(value?.['space_id']) ?? context.store.getConfirmed(table, id)?.spaceId ?? null,
    pageId: pageOf(context.store, table, value, id),
    databaseId: databaseOf(context.store, table, value, id),
    author: authorId ? { id: authorId, table: str(value?.['last_edited_by_table']) ?? 'notion_user' } : null,
    before: before ?? null,
    after: after ?? null,
    changes: diffRecord(table, before, after).map((change) => ({
      kind: change.kind,
      path: [...change.path],
      ...(change.ids ? { ids: [...change.ids] } : {}),
    })),
  }
  if (kind === 'row' && data.databaseId) {
    const schema = context.store.getConfirmed('collection', data.databaseId)?.value?.['schema']
    if (schema && typeof schema === 'object') {
      data.properties = { before: decodedProperties(schema as CollectionSchema, before), after: decodedProperties(schema as CollectionSchema, after) }
    }
  }
  if (context.markdown && table === 'block' && data.changes.some((change) => change.path[0] === 'properties' && change.path[1] === 'title')) {
    data.titleMarkdown = { before: titleMarkdown(before), after: titleMarkdown(after) }
  }
  return {
    specversion: '1.0',
    id: `${table}/${id}@${current.version}`,
    source: context.source,
    type: `notion.${kind}.${action}`,
    subject: id,
    time: new Date(typeof edited === 'number' && edited > 0 ? edited : context.now()).toISOString(),
    datacontenttype: 'application/json',
    notionrxversion: PIPE_EVENT_VERSION,
    data,
  }
}
