import type { PathSegment } from '@notion-rx/protocol'

/** A path into a record: `['format', 'page_icon']`, or notion-py's dotted `'format.page_icon'`. */
export type RecordPath = string | readonly PathSegment[]

export function toPathSegments(path: RecordPath): PathSegment[] {
  if (typeof path !== 'string') return [...path]
  return path === '' ? [] : path.split('.')
}

/** The value at `path`, or undefined. Numeric keys (also as strings, e.g. `'file_ids.0'`) index arrays. */
export function valueAtPath(value: unknown, path: RecordPath): unknown {
  let current = value
  for (const key of toPathSegments(path)) {
    if (current === null || typeof current !== 'object') return undefined
    if (Array.isArray(current)) {
      const index = typeof key === 'number' ? key : /^(0|[1-9]\d*)$/.test(key) ? Number(key) : -1
      current = index >= 0 ? current[index] : undefined
    } else {
      const object = current as Record<string, unknown>
      const name = String(key)
      current = Object.hasOwn(object, name) ? object[name] : undefined
    }
  }
  return current
}
