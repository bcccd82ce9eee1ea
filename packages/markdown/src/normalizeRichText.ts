import { DECORATION_CODES } from '@notion-rx/protocol'
import type { Decoration, RichText, RichTextSegment } from '@notion-rx/protocol'
import { decorationKey } from './decorationKey.js'

const codeOrder = new Map<string, number>(DECORATION_CODES.map((code, index) => [code, index]))

/**
 * The canonical form of a title array, which round trips are compared in: empty segments
 * dropped; decorations of a segment deduplicated and sorted (known codes in `DECORATION_CODES`
 * order, unknown codes after them by their JSON); `[text, []]` written `[text]`; adjacent
 * segments with the same decoration set merged. Notion renders both forms the same.
 * @example normalizeRichText([['a', [['i'], ['b']]], ['b', [['b'], ['i']]], ['']]) // [['ab', [['b'], ['i']]]]
 */
export function normalizeRichText(richText: RichText): RichText {
  const out: RichTextSegment[] = []
  let previousKey: string | undefined
  for (const [text, decorations] of richText) {
    if (text === '') continue
    // Most segments of imported prose carry no decoration: nothing to sort or key (never shared:
    // an empty set is written `[text]`).
    const sorted = decorations === undefined || decorations.length === 0 ? UNDECORATED : canonicalDecorations(decorations)
    const key = sorted.keys.join('\u0000')
    const last = out[out.length - 1]
    if (last !== undefined && key === previousKey) {
      last[0] += text
      continue
    }
    out.push(sorted.decorations.length === 0 ? [text] : [text, sorted.decorations])
    previousKey = key
  }
  return out
}

const UNDECORATED: { decorations: Decoration[]; keys: string[] } = { decorations: [], keys: [] }

function canonicalDecorations(decorations: readonly Decoration[]): { decorations: Decoration[]; keys: string[] } {
  const byKey = new Map<string, Decoration>()
  for (const decoration of decorations) {
    const key = decorationKey(decoration)
    if (!byKey.has(key)) byKey.set(key, decoration)
  }
  const entries = [...byKey].sort(([keyA, a], [keyB, b]) => {
    const rankA = codeOrder.get(a[0]) ?? DECORATION_CODES.length
    const rankB = codeOrder.get(b[0]) ?? DECORATION_CODES.length
    if (rankA !== rankB) return rankA - rankB
    return keyA < keyB ? -1 : keyA > keyB ? 1 : 0
  })
  return { decorations: entries.map(([, decoration]) => decoration), keys: entries.map(([key]) => key) }
}
