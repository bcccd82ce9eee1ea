/** The record tables notion-rx models with schemas. Other tables are carried through untouched. */
export const RECORD_TABLES = [
  'block',
  'collection',
  'collection_view',
  'space',
  'space_view',
  'space_user',
  'notion_user',
  'user_root',
  'user_settings',
  'discussion',
  'comment',
] as const

export type KnownTable = (typeof RECORD_TABLES)[number]
/** Any table name: known tables autocomplete, unknown ones are still accepted. */
export type RecordTable = KnownTable | (string & {})

/** What the requesting user may do with a record. `none` means "not readable" (or missing). */
export const ROLES = ['editor', 'read_and_write', 'comment_only', 'reader', 'none'] as const
export type Role = (typeof ROLES)[number] | (string & {})

export function isKnownTable(table: string): table is KnownTable {
  return (RECORD_TABLES as readonly string[]).includes(table)
}
