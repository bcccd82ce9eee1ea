/** The command line cannot work as given (a missing token, an unreadable file): exit 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError' as const
  readonly code = 'usage' as const
}
