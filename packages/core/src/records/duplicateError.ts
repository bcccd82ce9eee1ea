/** Why a duplicate was refused before anything was created. */
export const DUPLICATE_ERROR_CODES = {
  /** The user may read but not edit the record the copy would go into. */
  target_read_only: 'the copy would go into a record the user may not edit',
  /** The copy can go only into a page-like block or a space. */
  invalid_parent: 'the copy can go only into a block or a space',
  /** `mode: 'server'` for a copy Notion's duplicate task cannot make. */
  server_unavailable: "Notion's duplicate task copies deep, within one client and workspace",
} as const
export type DuplicateErrorCode = keyof typeof DUPLICATE_ERROR_CODES

/**
 * `page.duplicate` refused: the target may not be edited, is not a place for pages, or the
 * server path was asked for a copy it cannot make. Nothing was created.
 */
export class DuplicateError extends Error {
  override name = 'DuplicateError' as const
  readonly code: DuplicateErrorCode
  /** The page being duplicated. */
  readonly sourceId: string

  constructor(code: DuplicateErrorCode, sourceId: string, detail: string) {
    super(`cannot duplicate block ${sourceId}: ${DUPLICATE_ERROR_CODES[code]} (${detail})`)
    this.code = code
    this.sourceId = sourceId
  }

  static isDuplicateError(error: unknown): error is DuplicateError {
    if (error instanceof DuplicateError) return true
    const code = (error as { code?: unknown } | undefined)?.code
    return error instanceof Error && error.name === 'DuplicateError' && typeof code === 'string' && Object.hasOwn(DUPLICATE_ERROR_CODES, code)
  }
}
