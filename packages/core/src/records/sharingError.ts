/** Why a sharing call was refused; see SharingError. */
export const SHARING_ERROR_CODES = {
  /** The caller lacks full access (the `editor` role) on the page: only full access may share, unshare or publish. */
  no_full_access: 'no_full_access',
  /** A role that is not one of the roles Notion names, or `none` given to `share`. */
  invalid_role: 'invalid_role',
  /** `share`/`unshare` got something that is neither a User, a user id nor an email address. */
  invalid_user: 'invalid_user',
  /** No account has this email, and `invite: false` forbade making one. */
  unknown_email: 'unknown_email',
} as const
export type SharingErrorCode = keyof typeof SHARING_ERROR_CODES

/**
 * A sharing call (`page.share`, `unshare`, `publish`, `unpublish`) was refused: by the SDK before
 * anything was sent (a bad role or user, a role in the store that cannot share), or by the server
 * (then `cause` is its `TransactionRejectedError`). Nothing was changed either way.
 * @example if (SharingError.isSharingError(error) && error.code === 'no_full_access') console.log('ask the owner')
 */
export class SharingError extends Error {
  override readonly name = 'SharingError' as const
  readonly code: SharingErrorCode
  /** The page (block id) being shared. */
  readonly pageId: string

  constructor(code: SharingErrorCode, pageId: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.pageId = pageId
  }

  /** `instanceof`, or an Error named SharingError with a known code (from a second copy of the package). */
  static isSharingError(error: unknown): error is SharingError {
    if (error instanceof SharingError) return true
    const code = (error as { code?: unknown } | null)?.code
    return error instanceof Error && error.name === 'SharingError' && typeof code === 'string' && Object.hasOwn(SHARING_ERROR_CODES, code)
  }
}
