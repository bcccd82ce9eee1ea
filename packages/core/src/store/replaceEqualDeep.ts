import { setOwn } from './boundDepth.js'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Returns `previous` wherever `next` is deeply equal to it, so unchanged branches keep their
 * references and reference-equality checks (`distinctUntilChanged`) see no change; a branch with
 * nothing to swap is `next`'s own. The same idea
 * as TanStack Query's structural sharing. Recursive: the store bounds the depth of what it is given
 * first (boundDepth).
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (previous === next) return previous as T
  const bothArrays = Array.isArray(previous) && Array.isArray(next)
  if (!bothArrays && !(isPlainObject(previous) && isPlainObject(next))) return next
  const prev = previous as Record<string, unknown>
  const nextObject = next as Record<string, unknown>
  const keys = Object.keys(nextObject)
  const sameSize = Object.keys(prev).length === keys.length
  const copy: Record<string, unknown> = bothArrays ? ([] as unknown as Record<string, unknown>) : {}
  let equalItems = 0
  let replaced = false
  for (const key of keys) {
    const merged = replaceEqualDeep(prev[key], nextObject[key])
    // Server keys are data: `__proto__` is an own key here, never the copy's prototype.
    setOwn(copy, key, merged)
    if (merged === prev[key] && (key in prev)) equalItems++
    if (merged !== nextObject[key]) replaced = true
  }
  if (sameSize && equalItems === keys.length) return previous as T
  // Nothing of `next` was swapped for a branch of `previous`: `next` itself, not a copy of it
  // (it keeps being frozen, and the store's records are not copied twice).
  return (replaced ? copy : next) as T
}
