import { rowCollectionId } from '@notion-rx/protocol'
import type { RecordChange } from '../../store/recordChange.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { hasRollups } from '../properties/rowProperties.js'

/** What one batch of store changes means for a live query: the kind of work it calls for. */
export interface ChangeSummary {
  /** Blocks that are, were or may become rows of the result. */
  readonly rows: ReadonlySet<string>
  /** Those of them changed by a write or a refetch (newer than any query's answer). */
  readonly newer: ReadonlySet<string>
  /** The schema changed (by a write or a refetch). */
  readonly schema: boolean
  /** The view's manual order changed (by a write or a refetch). */
  readonly view: boolean
  /** A write through this client touched the rows, the schema or the view. */
  readonly local: boolean
  /** A row of a database the rollups read changed: their values may have. */
  readonly related: boolean
}

/** What a live query watches, as the summary needs it. */
export interface WatchedQuery {
  readonly collectionId: string
  readonly viewId: string | undefined
  /** Its database's schema now (the rollups' sources are read from it). */
  readonly schema: CollectionSchema
  /** The rows the result shows now (a row leaving the database is still one of them). */
  readonly shown: { has(id: string): boolean }
}

export const NO_CHANGE: ChangeSummary = Object.freeze({ rows: new Set<string>(), newer: new Set<string>(), schema: false, view: false, local: false, related: false })

const sourcesCache = new WeakMap<CollectionSchema, ReadonlySet<string> | 'any' | undefined>()

/**
 * The databases a schema's rollups read (its relations' `collection_id`), `'any'` when one is not
 * named. Per schema object: it is asked on every store update.
 */
export function rollupSources(schema: CollectionSchema): ReadonlySet<string> | 'any' | undefined {
  if (sourcesCache.has(schema)) return sourcesCache.get(schema)
  let sources: Set<string> | 'any' | undefined
  if (hasRollups(schema)) {
    sources = new Set<string>()
    for (const property of Object.values(schema)) {
      if (property?.type !== 'relation') continue
      const collectionId = (property as { collection_id?: unknown }).collection_id
      if (typeof collectionId !== 'string') {
        sources = 'any'
        break
      }
      sources.add(collectionId)
    }
  }
  sourcesCache.set(schema, sources)
  return sources
}

/** What `changes` (one store update) mean for the query `watched`. A pure function of its inputs. */
export function summarizeChanges(changes: readonly RecordChange[], watched: WatchedQuery): ChangeSummary {
  const rows = new Set<string>()
  const newerRows = new Set<string>()
  let schema = false
  let view = false
  let local = false
  let related = false
  const sources = rollupSources(watched.schema)
  for (const change of changes) {
    // A query's record map comes in as `refresh`: it never asks for another request.
    const newer = change.origin !== 'refresh'
    let relevant = false
    if (change.table === 'block') {
      const before = rowCollectionId(change.before)
      const after = rowCollectionId(change.after)
      relevant = before === watched.collectionId || after === watched.collectionId || watched.shown.has(change.id)
      if (relevant) {
        rows.add(change.id)
        if (newer) newerRows.add(change.id)
      } else if (sources) {
        const parent = before ?? after
        if (parent !== undefined && (sources === 'any' || sources.has(parent))) related = true
      }
    } else if (change.table === 'collection' && change.id === watched.collectionId) {
      relevant = true
      schema ||= newer
    } else if (change.table === 'collection_view' && change.id === watched.viewId) {
      relevant = true
      view ||= newer
    }
    if (relevant && change.origin === 'local') local = true
  }
  return { rows, newer: newerRows, schema, view, local, related }
}

/** Whether the summary calls for any work (a change elsewhere does not). */
export function needsWork(summary: ChangeSummary): boolean {
  return summary.rows.size > 0 || summary.schema || summary.view || summary.related
}

/** Two summaries as one (the changes of one tick are applied together). */
export function mergeSummaries(a: ChangeSummary, b: ChangeSummary): ChangeSummary {
  return {
    rows: union(a.rows, b.rows),
    newer: union(a.newer, b.newer),
    schema: a.schema || b.schema,
    view: a.view || b.view,
    local: a.local || b.local,
    related: a.related || b.related,
  }
}

/** The union of two sets; one of them itself when the other is empty (sets here are never mutated). */
export function union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): ReadonlySet<T> {
  if (b.size === 0) return a
  if (a.size === 0) return b
  const all = new Set(a)
  for (const item of b) all.add(item)
  return all
}
