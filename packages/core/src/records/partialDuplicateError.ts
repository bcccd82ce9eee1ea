/** The records a client-side duplicate committed before it stopped, by table. */
export interface DuplicatedRecords {
  block: readonly string[]
  collection: readonly string[]
  collection_view: readonly string[]
}

/**
 * A client-side duplicate sent in several transactions stopped after some of them committed (a
 * failed transaction, or an abort between two): the copy exists in part. Nothing is rolled back;
 * `created` lists what exists, `cause` says why the next part did not. Delete the copy
 * (`pageId`) or duplicate again.
 */
export class PartialDuplicateError extends Error {
  override name = 'PartialDuplicateError' as const
  readonly code = 'partial_duplicate' as const
  /** The copy's root page; it exists with the committed records below it. */
  readonly pageId: string
  readonly sourceId: string
  /** Every record committed, by table, parents before children. */
  readonly created: DuplicatedRecords
  readonly partsCommitted: number
  readonly parts: number
  /** Records the whole copy has. */
  readonly totalRecords: number

  constructor(details: { pageId: string; sourceId: string; created: DuplicatedRecords; partsCommitted: number; parts: number; totalRecords: number; cause: unknown }) {
    const why = details.cause instanceof Error ? details.cause.message : String(details.cause)
    const count = details.created.block.length + details.created.collection.length + details.created.collection_view.length
    super(
      `duplicate of ${details.sourceId} stopped at part ${details.partsCommitted + 1} of ${details.parts} (${why}); ` +
        `the copy ${details.pageId} exists with ${count} of ${details.totalRecords} records: delete it, or duplicate again`,
      { cause: details.cause },
    )
    this.pageId = details.pageId
    this.sourceId = details.sourceId
    this.created = details.created
    this.partsCommitted = details.partsCommitted
    this.parts = details.parts
    this.totalRecords = details.totalRecords
  }

  static isPartialDuplicateError(error: unknown): error is PartialDuplicateError {
    return error instanceof PartialDuplicateError || (error instanceof Error && error.name === 'PartialDuplicateError' && (error as { code?: unknown }).code === 'partial_duplicate')
  }
}
