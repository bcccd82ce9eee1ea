import { z } from 'zod'

/** Legacy positional read: the i-th result answers the i-th request. */
export const getRecordValuesRequestSchema = z.looseObject({
  requests: z.array(z.looseObject({ table: z.string().min(1), id: z.string().min(1) })),
})
export type GetRecordValuesRequest = z.infer<typeof getRecordValuesRequestSchema>

export const getRecordValuesResponseSchema = z.looseObject({
  results: z.array(z.looseObject({ role: z.string(), value: z.record(z.string(), z.unknown()).optional() })),
})
export type GetRecordValuesResponse = z.infer<typeof getRecordValuesResponseSchema>
