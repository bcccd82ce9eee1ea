/**
 * A record field as text, never throwing: strings as they are, numbers and booleans written out,
 * anything else (objects, arrays, null) as `fallback`. Records come from the wire unchecked, and
 * `String(value)` throws on an object whose `toString` is not a function.
 */
export function scalarText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return fallback
}
