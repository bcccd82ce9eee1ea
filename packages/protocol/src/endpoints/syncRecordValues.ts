import { z } from 'zod'
import { recordPointerSchema } from './recordPointer.js'

/**
 * One request of syncRecordValues(Main/Space): the pointer form `{pointer, version}` (current) or
 * the flat form `{table, id, version}` (older clients). `version: -1` asks for the current record.
 */
export const syncRecordRequestSchema = z
  .looseObject({
    pointer: recordPointerSchema.optional(),
    table: z.string().min(1).optional(),
    id: z.string().min(1).optional(),
    version: z.number().int().optional(),
  })
  .refine((request) => request.pointer !== undefined || (request.table !== undefined && request.id !== undefined), {
    message: 'each request needs a pointer {table, id} (or table and id)',
  })
export type SyncRecordRequest = z.infer<typeof syncRecordRequestSchema>

export const syncRecordValuesRequestSchema = z.looseObject({
  requests: z.array(syncRecordRequestSchema),
  spacePointer: recordPointerSchema.optional(),
})
export type SyncRecordValuesRequest = z.infer<typeof syncRecordValuesRequestSchema>

/** Response: a record map keyed by table then id (never positional). */
export const syncRecordValuesResponseSchema = z.looseObject({
  recordMap: z.record(z.string(), z.unknown()),
})
export type SyncRecordValuesResponse = z.infer<typeof syncRecordValuesResponseSchema>

/**
 * The pointer of either request form: the request's own `pointer` (read only; it may carry more
 * fields), or its flat `table` and `id`. No object per request in the current form: a page's
 * level asks for tens of thousands.
 */
export function syncRequestPointer(request: SyncRecordRequest): Readonly<{ table: string; id: string; spaceId?: string | undefined }> {
  if (request.pointer) return request.pointer
  // The schema's refinement guarantees table and id when there is no pointer.
  return { table: request.table ?? '', id: request.id ?? '' }
}
