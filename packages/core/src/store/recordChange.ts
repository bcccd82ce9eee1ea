import type { RecordValue } from './snapshot.js'

/**
 * Where a change came from: this client's own write, a fetch it made, a push from the server, or
 * the durable cache (a warm start, before the server confirmed it).
 */
export type ChangeOrigin = 'local' | 'refresh' | 'remote' | 'cache'

/**
 * notion-py's change kinds, kept so its users recognise them:
 * content_added / content_removed / content_reordered (a block's `content` list),
 * prop_changed (a row's or block's `properties.<id>`), changed_field (any other field),
 * row_added / row_removed (a collection's rows, reported on the row with its collection id),
 * changed_value (the record appeared or disappeared as a whole).
 */
export type ChangeKind =
  | 'content_added'
  | 'content_removed'
  | 'content_reordered'
  | 'prop_changed'
  | 'changed_field'
  | 'row_added'
  | 'row_removed'
  | 'changed_value'

export interface FieldChange {
  kind: ChangeKind
  /** The path from the record root, e.g. `['properties', 'title']` or `['content']`. */
  path: readonly (string | number)[]
  before: unknown
  after: unknown
  /** For content_* kinds: the ids added or removed. */
  ids?: readonly string[]
}

/** What happened to one record in one store update. */
export interface RecordChange {
  table: string
  id: string
  origin: ChangeOrigin
  before: RecordValue | undefined
  after: RecordValue | undefined
  changes: readonly FieldChange[]
}
