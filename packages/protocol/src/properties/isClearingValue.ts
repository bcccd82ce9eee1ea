/**
 * Whether a value clears a cell: `null`, `undefined`, `''` and `[]` clear any writable property
 * (to its codec's `cleared` form).
 */
export function isClearingValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}
