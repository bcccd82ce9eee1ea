/**
 * The base of the errors by which the SDK refuses a caller's input, before anything is sent: a
 * value of the wrong kind (`InvalidValueError`, `PropertyValueError`), an unknown property
 * (`UnknownPropertyError`), a query or schema change that cannot be built (`InvalidQueryError`,
 * `InvalidSchemaChangeError`), a view that cannot be laid out (`ViewLayoutError`), a record that
 * is not there (`RecordNotFoundError`) or not of the kind asked for (`WrongBlockTypeError`). Each has a literal `name` and a `code` saying which
 * refusal; its message says what was given, where, and what is accepted.
 * @example if (InputError.isInputError(error)) console.log(error.name, error.code, error.message)
 */
export abstract class InputError extends Error {
  abstract override readonly name: string
  abstract readonly code: string

  /** `instanceof`, or an Error with an input error's name and a string code (from a second copy of the package). */
  static isInputError(error: unknown): error is InputError {
    if (error instanceof InputError) return true
    return error instanceof Error && INPUT_ERROR_NAMES.has(error.name) && typeof (error as { code?: unknown }).code === 'string'
  }

  /**
   * For the subclasses' guards: an Error named `name` whose `code` is a key of `codes` (or, without
   * `codes`, any error of that name), as an error from a second copy of the package is.
   */
  protected static sameKind(error: unknown, name: string, codes?: Readonly<Record<string, unknown>>): boolean {
    if (!(error instanceof Error) || error.name !== name) return false
    if (codes === undefined) return true
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' && Object.hasOwn(codes, code)
  }
}

const INPUT_ERROR_NAMES: ReadonlySet<string> = new Set([
  'InvalidValueError',
  'PropertyValueError',
  'UnknownPropertyError',
  'InvalidQueryError',
  'InvalidSchemaChangeError',
  'ViewLayoutError',
  'RecordNotFoundError',
  'WrongBlockTypeError',
  'DateInputError',
])
