/**
 * Thrown inside a commit when the caller may not make a change. The committer turns it into the
 * real `unsaved_transactions` body, with `errorName` as the failing transaction's error name.
 */
export class WriteRejection extends Error {
  override name = 'WriteRejection' as const
  readonly errorName: 'UnauthorizedError' | 'ValidationError'

  constructor(errorName: 'UnauthorizedError' | 'ValidationError', message: string) {
    super(message)
    this.errorName = errorName
  }

  static isWriteRejection(error: unknown): error is WriteRejection {
    return (
      error instanceof WriteRejection ||
      (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'WriteRejection')
    )
  }
}
