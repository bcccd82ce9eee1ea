import { InputError } from '../../inputError.js'

/**
 * A property key (id, name or slug) that matches nothing in a collection's schema. Thrown before
 * anything is sent. `available` lists the names that would have matched, in schema order.
 * @example
 * try { resolveProperty(schema, 'estimatedValu') } catch (error) {
 *   if (UnknownPropertyError.isUnknownPropertyError(error)) console.log(error.available)
 * }
 */
export class UnknownPropertyError extends InputError {
  override readonly name = 'UnknownPropertyError' as const
  readonly code = 'unknown_property' as const
  /** The key asked for. */
  readonly key: string
  /** Property names of the schema, in schema order. */
  readonly available: readonly string[]

  constructor(key: string, available: readonly string[], where?: string) {
    const names = available.length === 0 ? 'the schema has no properties' : `available: ${available.map((name) => JSON.stringify(name)).join(', ')}`
    super(`No property ${JSON.stringify(key)}${where ? ` (${where})` : ''} in the collection schema; ${names}`)
    this.key = key
    this.available = available
  }

  /** `instanceof`, or the same name and code (an error from a second copy of the package). */
  static isUnknownPropertyError(error: unknown): error is UnknownPropertyError {
    return error instanceof UnknownPropertyError || InputError.sameKind(error, 'UnknownPropertyError', { unknown_property: true })
  }
}
