/**
 * The `args` each supported command takes (docs/protocol.md#commands), for code that builds operations.
 * `applyOperation` checks these shapes at run time; extra fields are allowed and ignored.
 */

/** `listAfter`: insert `id` after `after`, or append when `after` is absent or not in the list. */
export interface ListAfterArgs {
  id: string
  after?: string
}

/** `listBefore`: insert `id` before `before`, or at the start when `before` is absent or not in the list. */
export interface ListBeforeArgs {
  id: string
  before?: string
}

/** `listRemove`: remove `id` (no-op when absent). */
export interface ListRemoveArgs {
  id: string
}

/** `setParent`: sets `parent_id` / `parent_table` on the object at the path (the record for `[]`). */
export interface SetParentArgs {
  parentId: string
  parentTable: string
}

/**
 * `setPermissionItem`: one entry of a `permissions` array. Entries are keyed by `type` plus
 * `user_id`, `bot_id` or `group_id`; an entry with none of those (e.g. `public_permission`) is
 * the single entry of its type. `role: "none"` removes the entry.
 */
export interface PermissionItem {
  type: string
  role: unknown
  user_id?: string
  bot_id?: string
  group_id?: string
  [extra: string]: unknown
}

/** An object in a keyed list: ordered, unique by `id`. */
export interface KeyedObject {
  id: string
  [field: string]: unknown
}

/** `keyedObjectListAfter/Before/Remove/Update`. `after`/`before` only matter to After/Before. */
export interface KeyedObjectListArgs {
  value: KeyedObject
  after?: string
  before?: string
}
