import type { RecordPointer } from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import { queryContextOf } from '../databases/query/queryContext.js'
import type { RecordValue } from '../store/snapshot.js'
import { recordFor } from './recordFor.js'

/** Records one copy may hold; a larger tree is refused before anything is written. */
export const MAX_SUBTREE_RECORDS = 50_000
/** Levels followed below the page (pages in pages, rows, their content). */
const MAX_DEPTH = 100

const DATABASE_TYPES: ReadonlySet<string> = new Set(['collection_view', 'collection_view_page'])
const PAGE_TYPES: ReadonlySet<string> = new Set(['page', 'collection_view_page'])

/** One record of a subtree, in the order a copy creates them: parents before children. */
export interface SubtreeRecord {
  table: 'block' | 'collection' | 'collection_view'
  id: string
  value: RecordValue
  /** Levels below the root (0 for it). */
  depth: number
  /** For a database row, or a view of a copied database: the collection. */
  collectionId?: string
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** The collection a database block shows (`collection_id`, or newer blocks' `format.collection_pointer`). */
export function collectionIdOf(value: RecordValue): string | undefined {
  if (typeof value['collection_id'] === 'string') return value['collection_id']
  const pointer = (value['format'] as Record<string, unknown> | undefined)?.['collection_pointer'] as Record<string, unknown> | undefined
  return typeof pointer?.['id'] === 'string' ? pointer['id'] : undefined
}

/** Whether `id` is a block below the root that a shallow copy leaves out (a sub-page). */
function leftOut(value: RecordValue, isRoot: boolean, deep: boolean): boolean {
  return !deep && !isRoot && PAGE_TYPES.has(String(value['type']))
}

/**
 * Loads everything a copy of `rootId` needs, level by level, crossing into sub-pages and database
 * rows when `deep`: the page (loadPage), then each level's missing blocks, collections and views in
 * one request, and every owned database's rows (all of them, paged). Returns the row ids of each
 * collection, in query order.
 */
export async function loadSubtree(context: ClientContext, rootId: string, deep: boolean, signal: AbortSignal | undefined): Promise<Map<string, string[]>> {
  const { store } = context
  await context.loadPage(rootId, { signal })
  const rowsOf = new Map<string, string[]>()
  const seen = new Set<string>()
  let frontier = [rootId]
  for (let depth = 0; frontier.length > 0 && depth <= MAX_DEPTH; depth++) {
    const next: string[] = []
    const missing = new Map<string, RecordPointer>()
    const need = (table: string, id: string) => {
      if (!store.get(table, id)) missing.set(`${table}:${id}`, { table, id })
    }
    const databases: { blockId: string; collectionId: string }[] = []
    for (const id of frontier) {
      if (seen.has(id)) continue
      seen.add(id)
      const value = store.get('block', id)?.value
      if (!value || value['alive'] === false || leftOut(value, id === rootId, deep)) continue
      for (const child of stringList(value['content'])) {
        need('block', child)
        next.push(child)
      }
      if (DATABASE_TYPES.has(String(value['type']))) {
        const collectionId = collectionIdOf(value)
        if (collectionId !== undefined) {
          need('collection', collectionId)
          databases.push({ blockId: id, collectionId })
        }
        for (const viewId of stringList(value['view_ids'])) need('collection_view', viewId)
      }
    }
    if (seen.size > MAX_SUBTREE_RECORDS) throw new RangeError(`the page holds more than ${MAX_SUBTREE_RECORDS} records: duplicate a smaller part of it`)
    if (missing.size > 0) await context.loadRecords([...missing.values()], { signal })
    if (deep && databases.length > 0) {
      const query = queryContextOf(context)
      await Promise.all(
        databases.map(async ({ blockId, collectionId }) => {
          const collection = store.get('collection', collectionId)?.value
          // A linked database shows a collection owned elsewhere: it is not copied.
          if (collection?.['parent_id'] !== blockId || rowsOf.has(collectionId)) return
          const rows = (await recordFor(query, 'collection', collectionId).getRows({ signal })).map((row) => row.id)
          const templates = stringList(collection['template_pages'])
          await context.loadRecords(templates.map((id) => ({ table: 'block', id })), { signal })
          rowsOf.set(collectionId, [...new Set([...rows, ...templates])])
          next.push(...rows, ...templates)
        }),
      )
    }
    frontier = next
  }
  return rowsOf
}

/**
 * The loaded subtree of `rootId` in creation order (depth first, parents before children): each
 * block's own children (an id another block owns is a link, not copied), and for a database block
 * that owns its collection, the collection, its views and its rows. What is not loaded, not
 * readable or deleted is left out.
 */
export function collectSubtree(context: ClientContext, rootId: string, rowsOf: ReadonlyMap<string, readonly string[]>, deep: boolean): SubtreeRecord[] {
  const { store } = context
  const found: SubtreeRecord[] = []
  const seen = new Set<string>()
  const live = (table: string, id: string): RecordValue | undefined => {
    const value = store.get(table, id)?.value
    return value !== undefined && value['alive'] !== false ? value : undefined
  }
  const stack: { id: string; depth: number; collectionId?: string }[] = [{ id: rootId, depth: 0 }]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { id, depth, collectionId } = item
    const value = live('block', id)
    if (value === undefined || seen.has(id)) continue
    seen.add(id)
    found.push({ table: 'block', id, value, depth, ...(collectionId === undefined ? {} : { collectionId }) })
    if (depth >= MAX_DEPTH) continue
    const below: { id: string; depth: number; collectionId?: string }[] = []
    for (const child of stringList(value['content'])) {
      const childValue = live('block', child)
      if (childValue?.['parent_id'] === id && !leftOut(childValue, false, deep)) below.push({ id: child, depth: depth + 1 })
    }
    if (DATABASE_TYPES.has(String(value['type']))) {
      const owned = collectionIdOf(value)
      const collection = owned === undefined ? undefined : live('collection', owned)
      const copied = owned !== undefined && collection?.['parent_id'] === id
      if (copied && !seen.has(owned)) {
        seen.add(owned)
        found.push({ table: 'collection', id: owned, value: collection, depth: depth + 1 })
        if (deep) for (const row of rowsOf.get(owned) ?? []) below.push({ id: row, depth: depth + 2, collectionId: owned })
      }
      for (const viewId of stringList(value['view_ids'])) {
        const view = live('collection_view', viewId)
        if (view?.['parent_id'] === id && !seen.has(viewId)) {
          seen.add(viewId)
          found.push({ table: 'collection_view', id: viewId, value: view, depth: depth + 1, ...(copied ? { collectionId: owned } : {}) })
        }
      }
    }
    for (const child of below.reverse()) stack.push(child)
  }
  return found
}
