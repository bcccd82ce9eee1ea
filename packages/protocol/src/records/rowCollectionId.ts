/**
 * The database (collection) a block is a row of: its `parent_id` when its parent is a collection
 * (`parent_table: 'collection'`), else undefined. Says nothing about whether the row is alive or a
 * template; callers that care check `alive` and `is_template` themselves.
 */
export function rowCollectionId(value: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (value?.['parent_table'] !== 'collection') return undefined
  const parentId = value['parent_id']
  return typeof parentId === 'string' ? parentId : undefined
}
