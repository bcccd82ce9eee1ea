import { InputError } from '../../inputError.js'

/**
 * Why a schema change was refused (nothing was queued):
 * - `invalid_type`: an unknown property type, `title` for a second title, or options on a type without them.
 * - `invalid_name`: an empty property name.
 * - `title_property`: the title property cannot be removed or retyped.
 * - `unknown_option`, `invalid_option`, `invalid_color`: select options.
 */
export const INVALID_SCHEMA_CHANGE_CODES = {
  invalid_type: true,
  invalid_name: true,
  title_property: true,
  unknown_option: true,
  invalid_option: true,
  invalid_color: true,
} as const satisfies Record<string, true>

export type InvalidSchemaChangeCode = keyof typeof INVALID_SCHEMA_CHANGE_CODES

/**
 * A schema change refused on the client, before anything was queued.
 * @example
 * try { collection.removeProperty('title') } catch (error) {
 *   if (InvalidSchemaChangeError.isInvalidSchemaChangeError(error)) console.log(error.code)
 * }
 */
export class InvalidSchemaChangeError extends InputError {
  override readonly name = 'InvalidSchemaChangeError' as const
  readonly code: InvalidSchemaChangeCode

  constructor(code: InvalidSchemaChangeCode, message: string) {
    super(message)
    this.code = code
  }

  static isInvalidSchemaChangeError(error: unknown): error is InvalidSchemaChangeError {
    return error instanceof InvalidSchemaChangeError || InputError.sameKind(error, 'InvalidSchemaChangeError', INVALID_SCHEMA_CHANGE_CODES)
  }
}
