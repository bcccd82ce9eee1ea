import type { Decoration } from '@notion-rx/protocol'

/**
 * Identity of a decoration inside a set: two decorations are the same when code and arguments
 * are deeply equal. Object keys are sorted so `{a,b}` and `{b,a}` (JSON from different writers)
 * agree.
 */
export function decorationKey(decoration: Decoration): string {
  return JSON.stringify(decoration, sortKeys)
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key]
  return sorted
}
