/**
 * How deep request JSON may nest. Real bodies stay far below it (a rich-text title is 5 levels, a
 * filter group a dozen), and every walk over a body (zod, the operation applier, the query
 * evaluator, JSON.stringify on the way to SQLite) is recursive, so depth is bounded at the door.
 */
export const MAX_JSON_DEPTH = 100

/** The fast pass: whether anything nests too deep, with no allocation per value. */
function exceeds(value: object, maxDepth: number): boolean {
  const values: object[] = [value]
  const depths: number[] = [1]
  while (values.length > 0) {
    const current = values.pop()!
    const depth = depths.pop()!
    if (depth > maxDepth) return true
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current)
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        values.push(child)
        depths.push(depth + 1)
      }
    }
  }
  return false
}

/**
 * The path to the first value nested deeper than `maxDepth` (the top level is depth 1), or
 * undefined when none is. Iterative: a hostile body cannot overflow the stack checking itself.
 */
export function findTooDeep(value: unknown, maxDepth: number = MAX_JSON_DEPTH): (string | number)[] | undefined {
  // Each frame links to its parent, so a wide body costs one small object per value, not a path copy.
  interface Frame {
    value: unknown
    depth: number
    key: string | number
    parent: Frame | undefined
  }
  if (typeof value !== 'object' || value === null || !exceeds(value, maxDepth)) return undefined
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: undefined }]
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.depth > maxDepth) {
      const path: (string | number)[] = []
      for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) path.unshift(at.key)
      return path
    }
    const parent = frame
    const children: [string | number, unknown][] = Array.isArray(parent.value)
      ? parent.value.map((child: unknown, index) => [index, child])
      : Object.entries(parent.value as object)
    for (const [key, child] of children) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: parent.depth + 1, key, parent })
    }
  }
  return undefined
}

/** `a.b.0.c…`, shortened in the middle so a message naming a deep path stays readable. */
export function describePath(path: readonly (string | number)[]): string {
  const parts = path.map(String)
  if (parts.length <= 12) return parts.join('.')
  return `${parts.slice(0, 6).join('.')}.….${parts.slice(-4).join('.')} (${parts.length} levels)`
}
