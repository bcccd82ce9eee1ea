import { NotionApiError, describeAnswer, type NotionApiErrorDetails } from './notionApiError.js'
import { hasErrorNameAndCode } from './notionError.js'

/** One rejected transaction of an `unsaved_transactions` answer. */
export interface RejectedTransaction {
  id: string
  name: string
  message?: string
  retryable?: boolean
}

export interface TransactionRejectedErrorDetails extends NotionApiErrorDetails {
  errors: RejectedTransaction[]
  untried: string[]
}

/**
 * 400 with `clientData.type: "unsaved_transactions"`: a write was refused and none of the request
 * was saved. `errors` names the failing transactions, `untried` the others of the request.
 */
export class TransactionRejectedError extends NotionApiError {
  override readonly name = 'TransactionRejectedError' as const
  override readonly code = 'transaction_rejected' as const
  readonly errors: RejectedTransaction[]
  readonly untried: string[]

  constructor(details: TransactionRejectedErrorDetails) {
    const ids = details.errors.map((error) => error.id).join(', ') || '(unnamed)'
    super(
      details,
      `${details.endpoint}: Notion rejected transaction ${ids} (${describeAnswer(details)}); nothing of this request was saved. Reload the records it touched and make the edit again.`,
    )
    this.errors = details.errors
    this.untried = details.untried
  }

  /** Ids of every transaction of the request: rejected ones first, then untried ones. */
  get transactionIds(): string[] {
    return [...this.errors.map((error) => error.id), ...this.untried]
  }

  static isTransactionRejectedError(error: unknown): error is TransactionRejectedError {
    return (
      error instanceof TransactionRejectedError ||
      hasErrorNameAndCode(error, ['TransactionRejectedError'], (c) => c === 'transaction_rejected')
    )
  }
}
