import { z } from 'zod'

/** One rejected transaction in an `unsaved_transactions` error. */
export const unsavedTransactionErrorSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  message: z.string().exactOptional(),
  retryable: z.boolean().exactOptional(),
})
export type UnsavedTransactionError = z.infer<typeof unsavedTransactionErrorSchema>

/**
 * The 400 body of a rejected write (docs/protocol.md#errors-and-limits):
 * `{name: "ValidationError", message: "Unsaved transactions.", clientData: {type:
 * "unsaved_transactions", errors: [{id, name, retryable}], untried: [ids]}}`.
 * `errors` names the transactions that failed, `untried` the others of the request, none of
 * which was saved either.
 */
export const unsavedTransactionsErrorBodySchema = z.looseObject({
  name: z.string(),
  message: z.string(),
  clientData: z.looseObject({
    type: z.literal('unsaved_transactions'),
    errors: z.array(unsavedTransactionErrorSchema),
    untried: z.array(z.string()).exactOptional(),
  }),
})
export type UnsavedTransactionsErrorBody = z.infer<typeof unsavedTransactionsErrorBodySchema>
