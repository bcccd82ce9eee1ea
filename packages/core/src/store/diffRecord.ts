import { rowCollectionId } from '@notion-rx/protocol'
import type { ChangeKind, FieldChange } from './recordChange.js'
import type { RecordValue } from './snapshot.js'

function stringIds(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : []
}

function diffContent(before: unknown, after: unknown): FieldChange[] {
  const was = stringIds(before)
  const now = stringIds(after)
  const wasSet = new Set(was)
  const nowSet = new Set(now)
  const added = now.filter((id) => !wasSet.has(id))
  const removed = was.filter((id) => !nowSet.has(id))
  const changes: FieldChange[] = []
  const path = ['content'] as const
  if (added.length) changes.push({ kind: 'content_added', path, before, after, ids: added })
  if (removed.length) changes.push({ kind: 'content_removed', path, before, after, ids: removed })
  if (!added.length && !removed.length) changes.push({ kind: 'content_reordered', path, before, after })
  return changes
}

/** The path of a change to the record as a whole: one frozen list for all of them (a page load makes thousands). */
const WHOLE_RECORD: readonly (string | number)[] = Object.freeze([])

/** The database a live block is a row of (a deleted row counts as removed from it). */
function rowParent(value: RecordValue | undefined): string | undefined {
  return value?.['alive'] !== false ? rowCollectionId(value) : undefined
}

/**
 * The field-level changes between two states of a record: one entry per changed top-level field,
 * except `properties` and `format`, which are compared one key deeper (`prop_changed` for
 * properties, so a row's single changed column is reported alone). `version` is not a change
 * of its own. Relies on structural sharing:
 * unchanged branches are the same reference, so this costs O(changed fields).
 */
export function diffRecord(table: string, before: RecordValue | undefined, after: RecordValue | undefined): FieldChange[] {
  if (before === after) return []
  const wasRowOf = table === 'block' ? rowParent(before) : undefined
  const isRowOf = table === 'block' ? rowParent(after) : undefined
  // A record appearing (every record of a page load): one change, in a list of one.
  if ((!before || !after) && wasRowOf === isRowOf) return [{ kind: 'changed_value', path: WHOLE_RECORD, before, after }]
  const changes: FieldChange[] = []
  if (table === 'block') {
    if (wasRowOf !== isRowOf) {
      if (wasRowOf) changes.push({ kind: 'row_removed', path: ['parent_id'], before: wasRowOf, after: isRowOf })
      if (isRowOf) changes.push({ kind: 'row_added', path: ['parent_id'], before: wasRowOf, after: isRowOf })
    }
  }
  if (!before || !after) {
    changes.push({ kind: 'changed_value', path: WHOLE_RECORD, before, after })
    return changes
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    const was = before[key]
    const now = after[key]
    // The version is bookkeeping, not content: every write bumps it.
    if (was === now || key === 'version') continue
    if (key === 'content') {
      changes.push(...diffContent(was, now))
    } else if ((key === 'properties' || key === 'format') && isObject(was ?? {}) && isObject(now ?? {})) {
      const kind: ChangeKind = key === 'properties' ? 'prop_changed' : 'changed_field'
      const wasObject = (was ?? {}) as Record<string, unknown>
      const nowObject = (now ?? {}) as Record<string, unknown>
      for (const inner of new Set([...Object.keys(wasObject), ...Object.keys(nowObject)])) {
        if (wasObject[inner] !== nowObject[inner]) {
          changes.push({ kind, path: [key, inner], before: wasObject[inner], after: nowObject[inner] })
        }
      }
    } else {
      changes.push({ kind: 'changed_field', path: [key], before: was, after: now })
    }
  }
  return changes
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
