import { MENTION_PLACEHOLDER } from '@notion-rx/protocol'

/** A stored segment read defensively: records hold whatever clients wrote. */
export type LooseSegment = readonly [unknown, unknown?]

export function segmentsOf(raw: unknown): LooseSegment[] {
  return Array.isArray(raw) ? (raw.filter((segment) => Array.isArray(segment)) as unknown as LooseSegment[]) : []
}

export function decorationsOf(segment: LooseSegment): unknown[][] {
  return Array.isArray(segment[1]) ? (segment[1].filter((decoration) => Array.isArray(decoration)) as unknown[][]) : []
}

/** Segment texts joined, mention placeholders left out (the cell's text as most types store it). */
export function cellText(raw: unknown): string {
  return segmentsOf(raw)
    .map((segment) => (typeof segment[0] === 'string' && segment[0] !== MENTION_PLACEHOLDER ? segment[0] : ''))
    .join('')
}

/** Arguments of every decoration with `code`, in order. */
export function decorationArgs(raw: unknown, code: string): unknown[] {
  const args: unknown[] = []
  for (const segment of segmentsOf(raw)) {
    for (const decoration of decorationsOf(segment)) if (decoration[0] === code) args.push(decoration[1])
  }
  return args
}

/** Ids carried by `‣` mentions of one kind: `["u", id]` / `["p", id]`, or the `["‣", ["u", id]]` form. */
export function mentionIds(raw: unknown, code: 'u' | 'p'): string[] {
  const ids: string[] = []
  for (const segment of segmentsOf(raw)) {
    for (const decoration of decorationsOf(segment)) {
      const [kind, arg] = decoration
      if (kind === code && typeof arg === 'string') ids.push(arg)
      else if (kind === '‣' && Array.isArray(arg) && arg[0] === code && typeof arg[1] === 'string') ids.push(arg[1])
    }
  }
  return ids
}
