import { randomUUID } from 'node:crypto'
import type { Emulator } from '../index.js'
import { post, type ApiResponse } from './testEmulator.js'

/**
 * Commits operations (flat or pointer form) as one saveTransactionsMain request with fresh
 * request and transaction ids; resolves with the raw response (`{}` with 200 on success).
 */
export function submit(
  emulator: Emulator,
  tokenV2: string,
  operations: unknown[],
  ids: { requestId?: string; transactionId?: string; spaceId?: string } = {},
): Promise<ApiResponse> {
  return post(
    emulator,
    'saveTransactionsMain',
    {
      requestId: ids.requestId ?? randomUUID(),
      transactions: [
        {
          id: ids.transactionId ?? randomUUID(),
          ...(ids.spaceId !== undefined ? { spaceId: ids.spaceId } : {}),
          operations,
        },
      ],
    },
    { tokenV2 },
  )
}
