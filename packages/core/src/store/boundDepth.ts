import { findTooDeep, type JsonPath } from '@notion-rx/protocol'

/**
 * How deep a record value from the server may nest. Real records stay far below it (a rich-text
 * title is 5 levels, a view's filter a dozen); anyone who can edit a shared page can store a value
 * thousands of levels deep, and every recursive walk (freezing, structural sharing, validation,
 * markdown) would then overflow the stack. Deeper branches are cut at the door instead.
 */
export const MAX_RECORD_DEPTH = 100

/** Sets an own property, `__proto__` included (a plain assignment would set the prototype). */
export function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  else target[key] = value
}

function childrenOf(value: object): [string | number, unknown][] {
  return Array.isArray(value) ? value.map((child: unknown, index) => [index, child]) : Object.entries(value)
}

/**
 * The value with every object or array deeper than `maxDepth` replaced by null: a copy (built
 * iteratively) when something was cut, else the value itself. `truncatedAt` is the first path cut
 * (found by protocol's `findTooDeep`, the walk the emulator bounds request bodies with).
 */
export function boundDepth<T>(value: T, maxDepth: number = MAX_RECORD_DEPTH): { value: T; truncatedAt?: JsonPath } {
  const truncatedAt = findTooDeep(value, maxDepth)
  if (truncatedAt === undefined || typeof value !== 'object' || value === null) return { value }
  const root: unknown = Array.isArray(value) ? [] : {}
  const stack: { from: object; to: Record<string | number, unknown>; depth: number }[] = [
    { from: value, to: root as Record<string | number, unknown>, depth: 1 },
  ]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    for (const [key, child] of childrenOf(item.from)) {
      if (typeof child !== 'object' || child === null) {
        setOwn(item.to, key, child)
      } else if (item.depth + 1 > maxDepth) {
        setOwn(item.to, key, null)
      } else {
        const copy = (Array.isArray(child) ? [] : {}) as Record<string | number, unknown>
        setOwn(item.to, key, copy)
        stack.push({ from: child, to: copy, depth: item.depth + 1 })
      }
    }
  }
  return { value: root as T, truncatedAt }
}
