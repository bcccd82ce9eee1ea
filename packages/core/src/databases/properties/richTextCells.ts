import { decorationsOf, segmentsOf } from '@notion-rx/protocol'

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
