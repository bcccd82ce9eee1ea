import { z } from 'zod'
import { operationSchema } from '../operations/operation.js'

/**
 * The older write endpoint: `{operations}` (docs/protocol.md#transaction-endpoints), one implicit transaction.
 * `requestId` / `transactionId` are not part of the classic body; notion-rx sends them so that a
 * retried request is not applied twice. Without either, a retry is applied again.
 */
export const submitTransactionRequestSchema = z.looseObject({
  operations: z.array(operationSchema),
  requestId: z.string().min(1).exactOptional(),
  transactionId: z.string().min(1).exactOptional(),
})
export type SubmitTransactionRequest = z.infer<typeof submitTransactionRequestSchema>

/** Success is an empty object. */
export const submitTransactionResponseSchema = z.looseObject({})
export type SubmitTransactionResponse = z.infer<typeof submitTransactionResponseSchema>
