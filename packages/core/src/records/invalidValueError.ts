import { InputError } from '../inputError.js'

/**
 * Why a record write was refused before anything was queued or sent.
 * - `invalid_value`: an accessor or `addNew` prop got a value of the wrong type (`checked = 'yes'`).
 * - `unknown_accessor`: `addNew` got a prop the block class has no writable accessor for.
 * - `unknown_block_type`: `addNew` / `convertTo` / `addPage` got a type not in BLOCK_TYPES (or not allowed there).
 * - `invalid_move`: `moveTo` would put a block into itself or its own descendant, or its target is not loaded.
 */
export const INVALID_VALUE_CODES = {
  invalid_value: true,
  unknown_accessor: true,
  unknown_block_type: true,
  invalid_move: true,
} as const satisfies Record<string, true>

export type InvalidValueCode = keyof typeof INVALID_VALUE_CODES

export interface InvalidValueErrorDetails {
  /** The record the write was for (the parent's id for `addNew` of an unknown type). */
  recordId: string
  /** The record's table, for the message. @default 'block' */
  table?: string
  /** The accessor or method refused, e.g. `checked`, `addNew`, `moveTo`. */
  accessor: string
  /** What it accepts, e.g. `a boolean`. */
  accepts: string
  /** The value refused (as given). */
  value?: unknown
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

/**
 * A write refused on the client, before anything was sent: the store and the server are unchanged.
 * Outside the transport's NotionError family: no request was made.
 * @example
 * try { todo.checked = 'yes' as never } catch (error) {
 *   if (InvalidValueError.isInvalidValueError(error)) console.log(error.code, error.accessor, error.accepts)
 * }
 */
export class InvalidValueError extends InputError {
  override readonly name = 'InvalidValueError' as const
  readonly code: InvalidValueCode
  readonly recordId: string
  readonly accessor: string
  readonly accepts: string
  readonly value: unknown

  constructor(code: InvalidValueCode, details: InvalidValueErrorDetails) {
    const given = 'value' in details ? `, got ${describe(details.value)}` : ''
    super(`${details.accessor} of ${details.table ?? 'block'} ${details.recordId} accepts ${details.accepts}${given}`)
    this.code = code
    this.recordId = details.recordId
    this.accessor = details.accessor
    this.accepts = details.accepts
    this.value = details.value
  }

  /** `instanceof`, or the same name and a known code (an error from a second copy of the package). */
  static isInvalidValueError(error: unknown): error is InvalidValueError {
    return error instanceof InvalidValueError || InputError.sameKind(error, 'InvalidValueError', INVALID_VALUE_CODES)
  }
}
