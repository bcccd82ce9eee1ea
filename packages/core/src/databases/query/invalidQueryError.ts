import { InputError } from '../../inputError.js'

/**
 * Why a query could not be built; thrown before anything is sent.
 * - `invalid_operator`: a filter operator the property's type does not take (or no such operator).
 * - `invalid_value`: a filter value of the wrong kind for its operator.
 * - `invalid_aggregator`: an aggregator the property's type does not take (or no such aggregator).
 * - `invalid_sort`: a sort direction other than ascending/descending.
 * - `invalid_option`: a malformed option (limit, filter group operator, ...).
 */
export const INVALID_QUERY_CODES = {
  invalid_operator: true,
  invalid_value: true,
  invalid_aggregator: true,
  invalid_sort: true,
  invalid_option: true,
} as const satisfies Record<string, true>

export type InvalidQueryCode = keyof typeof INVALID_QUERY_CODES

/**
 * A query refused on the client.
 * @example
 * try { query.where('Done', 'string_is', 'x') } catch (error) {
 *   if (InvalidQueryError.isInvalidQueryError(error)) console.log(error.code, error.message)
 * }
 */
export class InvalidQueryError extends InputError {
  override readonly name = 'InvalidQueryError' as const
  readonly code: InvalidQueryCode

  constructor(code: InvalidQueryCode, message: string) {
    super(message)
    this.code = code
  }

  /** `instanceof`, or the same name and a known code (an error from a second copy of the package). */
  static isInvalidQueryError(error: unknown): error is InvalidQueryError {
    return error instanceof InvalidQueryError || InputError.sameKind(error, 'InvalidQueryError', INVALID_QUERY_CODES)
  }
}
