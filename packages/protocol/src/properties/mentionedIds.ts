import { decorationsOf, segmentsOf } from '../query/storedCell.js'

/**
 * Ids carried by `‣` mentions of one kind: `["u", id]` / `["p", id]`, or the `["‣", ["u", id]]`
 * form, in order.
 * @example mentionedIds([['‣', [['u', 'user-1']]]], 'u') // ['user-1']
 */
export function mentionedIds(raw: unknown, code: 'u' | 'p'): string[] {
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
