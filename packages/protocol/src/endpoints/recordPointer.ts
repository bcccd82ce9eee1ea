import { z } from 'zod'

/** `{table, id, spaceId?}`: how requests and operations point at a record. */
export const recordPointerSchema = z.looseObject({
  table: z.string().min(1),
  id: z.string().min(1),
  spaceId: z.string().optional(),
})
export type RecordPointer = z.infer<typeof recordPointerSchema>
