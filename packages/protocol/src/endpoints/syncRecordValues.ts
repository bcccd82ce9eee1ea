import { z } from 'zod'
import { recordPointerSchema } from './recordPointer.js'

/**
 * One request of syncRecordValues(Main/Space): the pointer form `{pointer, version}` (current) or
 * the flat form `{table, id, version}` (older clients). `version: -1` asks for the current record.
 */
export const syncRecordRequestSchema = z.union([
  z.looseObject({ pointer: recordPointerSchema, version: z.number().int().optional() }),
  z.looseObject({ table: z.string().min(1), id: z.string().min(1), version: z.number().int().optional() }),
])
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

/** The pointer of either request form. */
export function syncRequestPointer(request: SyncRecordRequest): { table: string; id: string; spaceId?: string } {
  if ('pointer' in request) {
    const { table, id, spaceId } = request.pointer
    return spaceId === undefined ? { table, id } : { table, id, spaceId }
  }
  return { table: request.table, id: request.id }
}
