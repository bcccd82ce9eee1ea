/**
 * Deep-freezes a JSON-like value in place and checks its depth in the same walk: every array and
 * plain object down to `maxDepth` levels (the value itself is level 1) is frozen. Returns false,
 * and stops, at the first array or object deeper than that: the caller then cuts the value with
 * boundDepth (the part already frozen is only read from). Branches frozen already (a warm
 * start's values, branches shared with the held record) are walked for their depth but not frozen
 * again; other objects (class instances) are left as they are, as Immer's `freeze` leaves them.
 *
 * One walk instead of two (findTooDeep, then Immer's deep freeze), with no allocation per value:
 * records fresh from `JSON.parse` are owned by nobody else, so they are frozen as they are rather
 * than copied. Recursive, but never deeper than `maxDepth`.
 */
export function freezeWithin(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return true
  return freezeLevel(value, 1, maxDepth)
}

function freezeLevel(value: object, depth: number, maxDepth: number): boolean {
  if (depth > maxDepth) return false
  if (Array.isArray(value)) {
    if (!Object.isFrozen(value)) Object.freeze(value)
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i]
      if (typeof child === 'object' && child !== null && !freezeLevel(child, depth + 1, maxDepth)) return false
    }
    return true
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return true
  if (!Object.isFrozen(value)) Object.freeze(value)
  // for-in allocates no key array (Object.keys would, per object).
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const child: unknown = (value as Record<string, unknown>)[key]
    if (typeof child === 'object' && child !== null && !freezeLevel(child, depth + 1, maxDepth)) return false
  }
  return true
}
