/**
 * A query the evaluator cannot run: an unknown property, operator or aggregator, or an operand of the
 * wrong kind. `path` says where in the loader (`loader.filter.filters.0.property`). The emulator
 * answers it as a 400 ValidationError; the SDK never sends such a query (its builder checks first).
 */
export class QueryEvaluationError extends Error {
  override name = 'QueryEvaluationError' as const
  readonly path: string

  constructor(message: string, path: string) {
    super(`${message} at ${path}.`)
    this.path = path
  }

  /** Also true for a QueryEvaluationError from a duplicated copy of this package. */
  static isQueryEvaluationError(error: unknown): error is QueryEvaluationError {
    return (
      error instanceof QueryEvaluationError ||
      (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QueryEvaluationError')
    )
  }
}
