/**
 * An import sent in several transactions (`importMarkdownInParts`) stopped after some of them
 * committed: the page exists with the first `committedBlockIds.length` blocks. Nothing is rolled
 * back; `cause` says why the next part failed. Delete the page or import the rest by hand.
 */
export class PartialImportError extends Error {
  override name = 'PartialImportError' as const
  readonly code = 'partial_import' as const
  /** The new page; it holds the blocks of the committed parts. */
  readonly pageId: string
  /** Every block committed, the page first, in document order. */
  readonly committedBlockIds: readonly string[]
  /** How many parts committed, and how many the import had. */
  readonly partsCommitted: number
  readonly parts: number
  readonly totalBlocks: number

  constructor(details: { pageId: string; committedBlockIds: readonly string[]; partsCommitted: number; parts: number; totalBlocks: number; cause: unknown }) {
    const why = details.cause instanceof Error ? details.cause.message : String(details.cause)
    super(
      `import stopped at part ${details.partsCommitted + 1} of ${details.parts} (${why}); ` +
        `page ${details.pageId} exists with ${details.committedBlockIds.length} of ${details.totalBlocks} blocks: ` +
        'delete it, or import the rest of the document into it',
      { cause: details.cause },
    )
    this.pageId = details.pageId
    this.committedBlockIds = details.committedBlockIds
    this.partsCommitted = details.partsCommitted
    this.parts = details.parts
    this.totalBlocks = details.totalBlocks
  }

  static isPartialImportError(error: unknown): error is PartialImportError {
    return error instanceof PartialImportError || (error instanceof Error && error.name === 'PartialImportError')
  }
}
