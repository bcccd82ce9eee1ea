import { z } from 'zod'

/** `{table, id, spaceId?}`: how requests and operations point at a record. */
export interface RecordPointer {
  table: string
  id: string
  spaceId?: string
}

/** Extra fields some clients add to pointers are accepted (and kept). */
export const recordPointerSchema = z.looseObject({
  table: z.string().min(1),
  id: z.string().min(1),
  spaceId: z.string().optional(),
})
