import { richTextSchema, richTextToPlainText, rowCollectionId } from '@notion-rx/protocol'
import type { ChangeKind, RecordChange, Snapshot } from '@notion-rx/core'

/**
 * One line of `notion-rx watch --json` (NDJSON: one JSON object per line, one per record change).
 * Values are the record's raw values (rich text as Notion stores it), so nothing is lost.
 */
export interface ChangeJson {
  /** When the watcher saw the change, ISO 8601 UTC. */
  time: string
  /** `block`, `collection`, ... and the record's id. */
  table: string
  id: string
  /** `remote` for someone else's edit (or a reload), `local` for this client's own. */
  origin: RecordChange['origin']
  /** The block's type (`to_do`, `page`, ...), `row` for a database row; absent for other tables. */
  type?: string
  /** The record's title as plain text, when it has one. */
  title?: string
  /** Who edited it last (`last_edited_by_id`) and their name when the store knows it. */
  editor?: { id: string; name?: string }
  /** Every field that changed, bookkeeping (`last_edited_*`) left out. */
  changes: ChangeFieldJson[]
}

export interface ChangeFieldJson {
  kind: ChangeKind
  /** Where in the record, e.g. `["properties", "title"]`. */
  path: (string | number)[]
  /** For a database property: its name in the schema. */
  property?: string
  before?: unknown
  after?: unknown
  /** Ids added to or removed from a list (`content_added`, `content_removed`). */
  ids?: string[]
}

const BOOKKEEPING = new Set(['last_edited_time', 'last_edited_by_id', 'last_edited_by_table', 'last_edited_by'])

function plainTitle(value: Record<string, unknown> | undefined): string | undefined {
  const parsed = richTextSchema.safeParse((value?.['properties'] as Record<string, unknown> | undefined)?.['title'])
  return parsed.success ? richTextToPlainText(parsed.data) : undefined
}

/** The change as a `watch --json` line's object; undefined when only bookkeeping fields changed. */
export function changeJson(snapshot: Snapshot, change: RecordChange, at: Date = new Date()): ChangeJson | undefined {
  const fields = change.changes.filter((field) => !(typeof field.path[0] === 'string' && BOOKKEEPING.has(field.path[0])))
  if (fields.length === 0) return undefined
  const value = change.after ?? change.before
  const collectionId = rowCollectionId(value)
  const schema =
    typeof collectionId === 'string' ? (snapshot.collection?.[collectionId]?.value?.['schema'] as Record<string, { name?: unknown }> | undefined) : undefined
  const editorId = value?.['last_edited_by_id']
  const editorName = typeof editorId === 'string' ? snapshot.notion_user?.[editorId]?.value?.['name'] : undefined
  const title = plainTitle(value)
  return {
    time: at.toISOString(),
    table: change.table,
    id: change.id,
    origin: change.origin,
    ...(change.table === 'block' ? { type: collectionId !== undefined ? 'row' : String(value?.['type'] ?? 'block') } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(typeof editorId === 'string' ? { editor: { id: editorId, ...(typeof editorName === 'string' ? { name: editorName } : {}) } } : {}),
    changes: fields.map((field) => {
      const key = field.path[1]
      const name = field.kind === 'prop_changed' && typeof key === 'string' ? schema?.[key]?.name : undefined
      return {
        kind: field.kind,
        path: [...field.path],
        ...(typeof name === 'string' ? { property: name } : {}),
        ...(field.before !== undefined ? { before: field.before } : {}),
        ...(field.after !== undefined ? { after: field.after } : {}),
        ...(field.ids !== undefined ? { ids: [...field.ids] } : {}),
      }
    }),
  }
}
