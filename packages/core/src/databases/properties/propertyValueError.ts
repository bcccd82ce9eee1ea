import { InputError } from '../../inputError.js'

/**
 * Why a property value could not be encoded.
 * - `invalid_value`: the value is not of a kind the property type accepts (`'yes'` for a checkbox).
 * - `read_only`: the type is computed by Notion (formula, rollup, created_time, unique_id, ...).
 */
export const PROPERTY_VALUE_ERROR_CODES = {
  invalid_value: true,
  read_only: true,
} as const satisfies Record<string, true>

export type PropertyValueErrorCode = keyof typeof PROPERTY_VALUE_ERROR_CODES

export interface PropertyValueErrorDetails {
  /** The property's id in the schema. */
  propertyId: string
  /** The property's name, as the UI shows it. */
  propertyName: string
  /** The property's type, e.g. `checkbox`. */
  propertyType: string
  /** What the type accepts, e.g. `a boolean`. */
  accepts: string
  /** The value refused, as given. */
  value?: unknown
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

/**
 * A property value refused before anything was written: nothing was queued or sent.
 * @example
 * try { encodeProperty(doneProperty, 'yes') } catch (error) {
 *   if (PropertyValueError.isPropertyValueError(error)) console.log(error.code, error.accepts)
 * }
 */
export class PropertyValueError extends InputError {
  override readonly name = 'PropertyValueError' as const
  readonly code: PropertyValueErrorCode
  readonly propertyId: string
  readonly propertyName: string
  readonly propertyType: string
  readonly accepts: string
  readonly value: unknown

  constructor(code: PropertyValueErrorCode, details: PropertyValueErrorDetails) {
    const subject = `Property ${JSON.stringify(details.propertyName)} (${details.propertyType})`
    const given = 'value' in details ? `, got ${describe(details.value)}` : ''
    super(code === 'read_only' ? `${subject} is read-only: ${details.accepts}${given}` : `${subject} accepts ${details.accepts}${given}`)
    this.code = code
    this.propertyId = details.propertyId
    this.propertyName = details.propertyName
    this.propertyType = details.propertyType
    this.accepts = details.accepts
    this.value = details.value
  }

  /** `instanceof`, or the same name and a known code (an error from a second copy of the package). */
  static isPropertyValueError(error: unknown): error is PropertyValueError {
    return error instanceof PropertyValueError || InputError.sameKind(error, 'PropertyValueError', PROPERTY_VALUE_ERROR_CODES)
  }
}
