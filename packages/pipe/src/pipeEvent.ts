import { z } from 'zod'

/** The version of the event's `data` shape, carried in every event as the `notionrxversion` extension. */
export const PIPE_EVENT_VERSION = '1'

/** What kind of record an event is about: a block, a database row, a database, a view. */
export const PIPE_RECORD_KINDS = ['block', 'row', 'collection', 'view'] as const
export type PipeRecordKind = (typeof PIPE_RECORD_KINDS)[number]

/** What happened: appeared, changed, went away; `snapshot` is the initial copy of `--snapshot`. */
export const PIPE_EVENT_ACTIONS = ['created', 'updated', 'deleted', 'snapshot'] as const
export type PipeEventAction = (typeof PIPE_EVENT_ACTIONS)[number]

const recordValueSchema = z.record(z.string(), z.unknown())

/** One changed path, with notion-py's change kinds (content_added, prop_changed, changed_field, ...). */
export const pipeChangeSchema = z.object({
  kind: z.enum(['content_added', 'content_removed', 'content_reordered', 'prop_changed', 'changed_field', 'row_added', 'row_removed', 'changed_value']),
  path: z.array(z.union([z.string(), z.number()])),
  /** For content_added / content_removed: the child ids. */
  ids: z.array(z.string()).optional(),
})
export type PipeChange = z.infer<typeof pipeChangeSchema>

export const pipeEventDataSchema = z.object({
  table: z.string(),
  id: z.string(),
  /** The record's version after the change. */
  version: z.number().int(),
  /** The version `before` is at; null when the pipe had delivered nothing of this record. */
  previousVersion: z.number().int().nullable(),
  /**
   * True when versions between `previousVersion` and `version` were not delivered one by one
   * (the pipe was down, or several writes landed before it read the record): this event spans them.
   */
  catchUp: z.boolean(),
  spaceId: z.string().nullable(),
  /** The page the record is on (a page or row: itself); null when not known. */
  pageId: z.string().nullable(),
  /** The database (collection id) of a row, a database or a view. */
  databaseId: z.string().nullable(),
  /** Who made the change (`last_edited_by_id`), when the record says. */
  author: z.object({ id: z.string(), table: z.string() }).nullable(),
  before: recordValueSchema.nullable(),
  after: recordValueSchema.nullable(),
  changes: z.array(pipeChangeSchema),
  /** Rows: the properties decoded by the database's schema, by property name. */
  properties: z.object({ before: recordValueSchema.nullable(), after: recordValueSchema.nullable() }).optional(),
  /** With `markdown: true`, when the title changed: the title before and after as markdown. */
  titleMarkdown: z.object({ before: z.string().nullable(), after: z.string().nullable() }).optional(),
})
export type PipeEventData = z.infer<typeof pipeEventDataSchema>

/**
 * One change, as a CloudEvents 1.0 JSON event. `id` is `<table>/<recordId>@<version>`: the same
 * change delivered twice (at-least-once) has the same id, so receivers dedupe by it.
 */
export const pipeEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().regex(/^[a-z_]+\/[0-9a-f-]+@\d+$/),
  source: z.string().min(1),
  type: z.string().regex(/^notion\.(block|row|collection|view)\.(created|updated|deleted|snapshot)$/),
  subject: z.string(),
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  notionrxversion: z.literal(PIPE_EVENT_VERSION),
  data: pipeEventDataSchema,
})
export type PipeEvent = z.infer<typeof pipeEventSchema>

/** Checks an event received from a pipe (a webhook body, a stream entry); throws a ZodError when it is not one. */
export function parsePipeEvent(value: unknown): PipeEvent {
  return pipeEventSchema.parse(value)
}
