/** One problem found in malformed rich text. */
export interface RichTextIssue {
  /** Where, e.g. `[2, 1, 0]` for the first decoration of the third segment. */
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/**
 * Rich text from the wire that is not a title array (a non-string text, decorations not in an
 * array, a known code with a wrong argument). Unknown codes are not errors: they are kept.
 */
export class InvalidRichTextError extends Error {
  override name = 'InvalidRichTextError' as const
  readonly issues: readonly RichTextIssue[]
  /** The value that failed, as received. */
  readonly value: unknown

  constructor(value: unknown, issues: readonly RichTextIssue[], options?: ErrorOptions) {
    const first = issues[0]
    super(
      first === undefined
        ? 'Invalid rich text'
        : `Invalid rich text at [${first.path.map(String).join(', ')}]: ${first.message}`,
      options,
    )
    this.issues = issues
    this.value = value
  }

  /** Also true for an instance from another copy of this package. */
  static is(error: unknown): error is InvalidRichTextError {
    return error instanceof InvalidRichTextError || (error instanceof Error && error.name === 'InvalidRichTextError')
  }
}
