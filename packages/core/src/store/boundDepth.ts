/**
 * How deep a record value from the server may nest. Real records stay far below it (a rich-text
 * title is 5 levels, a view's filter a dozen); anyone who can edit a shared page can store a value
 * thousands of levels deep, and every recursive walk (freezing, structural sharing, validation,
 * markdown) would then overflow the stack. Deeper branches are cut at the door instead.
 */
export const MAX_RECORD_DEPTH = 100

type Path = (string | number)[]

interface Frame {
  value: object
  depth: number
  key: string | number
  parent: Frame | undefined
}

function pathOf(frame: Frame): Path {
  const path: Path = []
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) path.unshift(at.key)
  return path
}

/** Sets an own property, `__proto__` included (a plain assignment would set the prototype). */
export function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  else target[key] = value
}

function childrenOf(value: object): [string | number, unknown][] {
  return Array.isArray(value) ? value.map((child: unknown, index) => [index, child]) : Object.entries(value)
}

/** Whether any object or array is nested deeper than `maxDepth`: the fast pass, no allocation per value. */
function exceeds(value: object, maxDepth: number): boolean {
  const values: object[] = [value]
  const depths: number[] = [1]
  while (values.length > 0) {
    const current = values.pop()!
    const depth = depths.pop()!
    if (depth > maxDepth) return true
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const child: unknown = current[i]
        if (typeof child === 'object' && child !== null) {
          values.push(child)
          depths.push(depth + 1)
        }
      }
    } else {
      for (const key of Object.keys(current)) {
        const child = (current as Record<string, unknown>)[key]
        if (typeof child === 'object' && child !== null) {
          values.push(child)
          depths.push(depth + 1)
        }
      }
    }
  }
  return false
}

/**
 * The path of the first object or array nested deeper than `maxDepth` (the value itself is depth
 * 1), or undefined. Iterative, so it cannot overflow on the values it exists to catch.
 */
export function findTooDeep(value: unknown, maxDepth: number = MAX_RECORD_DEPTH): Path | undefined {
  if (typeof value !== 'object' || value === null || !exceeds(value, maxDepth)) return undefined
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: undefined }]
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.depth > maxDepth) return pathOf(frame)
    for (const [key, child] of childrenOf(frame.value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: frame.depth + 1, key, parent: frame })
    }
  }
  return undefined
}

/**
 * The value with every object or array deeper than `maxDepth` replaced by null: a copy (built
 * iteratively) when something was cut, else the value itself. `truncatedAt` is the first path cut.
 */
export function boundDepth<T>(value: T, maxDepth: number = MAX_RECORD_DEPTH): { value: T; truncatedAt?: Path } {
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
