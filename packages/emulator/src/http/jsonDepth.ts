/**
 * How deep request JSON may nest. Real bodies stay far below it (a rich-text title is 5 levels, a
 * filter group a dozen), and every walk over a body (zod, the operation applier, the query
 * evaluator, JSON.stringify on the way to SQLite) is recursive, so depth is bounded at the door
 * (protocol's `findTooDeep`, the same walk the SDK bounds server records with).
 */
export const MAX_JSON_DEPTH = 100

/** `a.b.0.c…`, shortened in the middle so a message naming a deep path stays readable. */
export function describePath(path: readonly (string | number)[]): string {
  const parts = path.map(String)
  if (parts.length <= 12) return parts.join('.')
  return `${parts.slice(0, 6).join('.')}.….${parts.slice(-4).join('.')} (${parts.length} levels)`
}
