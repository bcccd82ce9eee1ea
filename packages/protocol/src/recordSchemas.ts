import type { z } from 'zod'
import { formatIssues } from './formatIssues.js'
import { blockValueSchema } from './records/block.js'
import { collectionValueSchema } from './records/collection.js'
import { collectionViewValueSchema } from './records/collectionView.js'
import { commentValueSchema } from './records/comment.js'
import { discussionValueSchema } from './records/discussion.js'
import { notionUserValueSchema } from './records/notionUser.js'
import { spaceValueSchema } from './records/space.js'
import { spaceUserValueSchema } from './records/spaceUser.js'
import { spaceViewValueSchema } from './records/spaceView.js'
import { userRootValueSchema } from './records/userRoot.js'
import { userSettingsValueSchema } from './records/userSettings.js'
import { isKnownTable } from './tables.js'
import type { KnownTable, RecordTable } from './tables.js'

/** The value schema of every known table. All keep unknown fields. */
export const RECORD_SCHEMAS = {
  block: blockValueSchema,
  collection: collectionValueSchema,
  collection_view: collectionViewValueSchema,
  space: spaceValueSchema,
  space_view: spaceViewValueSchema,
  space_user: spaceUserValueSchema,
  notion_user: notionUserValueSchema,
  user_root: userRootValueSchema,
  user_settings: userSettingsValueSchema,
  discussion: discussionValueSchema,
  comment: commentValueSchema,
} as const satisfies Record<KnownTable, z.ZodType>

/** The parsed value type of a table; `unknown` for tables without a schema. */
export type RecordValueOf<T extends RecordTable> = T extends KnownTable
  ? z.output<(typeof RECORD_SCHEMAS)[T]>
  : unknown

export type ParseRecordValueResult<V> = { ok: true; value: V } | { ok: false; issues: string[] }

/**
 * Validates one record value against its table's schema, without throwing, so that one bad record
 * can be reported while the rest of a record map is used. Each issue names its path
 * (`properties.title[0][1][0]: ...`). Values of tables without a schema pass as they are.
 * @example parseRecordValue('block', { id: 'x', version: 'x', type: 'text' })
 * // { ok: false, issues: ['version: Invalid input: expected number, received string'] }
 */
export function parseRecordValue<T extends RecordTable>(
  table: T,
  value: unknown,
): ParseRecordValueResult<RecordValueOf<T>> {
  if (!isKnownTable(table)) return { ok: true, value: value as RecordValueOf<T> }
  const schema: z.ZodType = RECORD_SCHEMAS[table]
  const result = schema.safeParse(value)
  if (result.success) return { ok: true, value: result.data as RecordValueOf<T> }
  return { ok: false, issues: formatIssues(result.error.issues) }
}
