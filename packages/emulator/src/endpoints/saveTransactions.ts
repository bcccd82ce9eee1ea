import { saveTransactionsRequestSchema } from '@notion-rx/protocol'
import { unauthorizedError } from '../http/apiError.js'
import { defineEndpoint, type Endpoint } from '../http/endpoint.js'
import { commitTransactions } from '../writes/transactionCommitter.js'

/**
 * `{requestId, transactions: [{id, spaceId, operations}]}` → `{}`. The whole request is applied
 * or none of it; a requestId or transaction id seen before is not applied again. Whether Notion
 * treats Fanout and Main differently is unverified (docs/protocol.md#transaction-endpoints): here they are the same.
 */
function saveTransactionsEndpoint(name: string): Endpoint<typeof saveTransactionsRequestSchema> {
  return defineEndpoint({
    name,
    auth: 'required',
    body: saveTransactionsRequestSchema,
    handle({ emulator, user }, body) {
      if (!user) throw unauthorizedError()
      commitTransactions(emulator, user.id, {
        requestId: body.requestId,
        transactions: body.transactions.map((transaction) => ({
          id: transaction.id,
          deduplicate: true,
          ...(transaction.spaceId !== undefined ? { spaceId: transaction.spaceId } : {}),
          operations: transaction.operations,
        })),
      })
      return {}
    },
  })
}

export const saveTransactions = saveTransactionsEndpoint('saveTransactions')
export const saveTransactionsFanout = saveTransactionsEndpoint('saveTransactionsFanout')
export const saveTransactionsMain = saveTransactionsEndpoint('saveTransactionsMain')
