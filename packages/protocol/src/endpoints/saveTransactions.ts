import { z } from 'zod'
import { operationSchema } from '../operations/operation.js'

/**
 * One transaction of saveTransactions(Fanout/Main): `{id, spaceId, debug?, operations}`
 * (docs/protocol.md#transaction-endpoints). `id` is the client's idempotency key for the transaction.
 */
export const transactionSchema = z.looseObject({
  id: z.string().min(1),
  spaceId: z.string().min(1).exactOptional(),
  /** The web app sends `{userAction, clientCommitTimeMs}`; kept, never interpreted. */
  debug: z.unknown().exactOptional(),
  operations: z.array(operationSchema),
})
export type Transaction = z.infer<typeof transactionSchema>

/**
 * `saveTransactions`, `saveTransactionsFanout` and `saveTransactionsMain` share this body:
 * `{requestId, transactions}`. The request is applied all or nothing.
 */
export const saveTransactionsRequestSchema = z.looseObject({
  requestId: z.string().min(1),
  transactions: z.array(transactionSchema),
})
export type SaveTransactionsRequest = z.infer<typeof saveTransactionsRequestSchema>

/** Success is an empty object. */
export const saveTransactionsResponseSchema = z.looseObject({})
export type SaveTransactionsResponse = z.infer<typeof saveTransactionsResponseSchema>
