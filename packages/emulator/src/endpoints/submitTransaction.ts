import { randomUUID } from 'node:crypto'
import { submitTransactionRequestSchema } from '@notion-rx/protocol'
import { unauthorizedError } from '../http/apiError.js'
import { defineEndpoint } from '../http/endpoint.js'
import { commitTransactions } from '../writes/transactionCommitter.js'

/**
 * The older write endpoint: `{operations}` as one transaction, all or nothing; `{}` on success.
 * A body carrying `transactionId` or `requestId` (notion-rx sends them) is applied once however
 * often it is retried; a classic body with neither is NOT deduplicated: a retry applies it again.
 */
export const submitTransaction = defineEndpoint({
  name: 'submitTransaction',
  auth: 'required',
  body: submitTransactionRequestSchema,
  handle({ emulator, user }, body) {
    if (!user) throw unauthorizedError()
    commitTransactions(emulator, user.id, {
      ...(body.requestId !== undefined ? { requestId: body.requestId } : {}),
      transactions: [
        {
          // The id named in an error body; only a client-given transactionId deduplicates.
          id: body.transactionId ?? body.requestId ?? randomUUID(),
          deduplicate: body.transactionId !== undefined,
          operations: body.operations,
        },
      ],
    })
    return {}
  },
})
