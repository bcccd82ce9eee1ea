import type { Decoration, RichText } from '@notion-rx/protocol'
import type { PhrasingContent } from 'mdast'
import type { DecorationForm, WrapContext } from './decoration/decorationForm.js'
import { formFor } from './decoration/decorationForms.js'
import { genericDecoration } from './decoration/genericDecoration.js'
import { decorationKey } from './decorationKey.js'
import { normalizeRichText } from './normalizeRichText.js'

/** A segment on its way into mdast: its text, the decoration that may replace it, the rest. */
interface Item {
  readonly text: string
  /** A decoration with a leaf form (inline code, inline math) that accepts this text. */
  readonly leaf: Decoration | undefined
  readonly wrappers: ReadonlyMap<string, Decoration>
}

const topLevel: WrapContext = { inLink: false, inLabel: false }

/**
 * Rich text as mdast phrasing content, for a paragraph, heading or any other phrasing parent.
 * Adjacent segments sharing a decoration share one node (`**a *b***`, not `**a*****b***`); the
 * markdown form of every code is listed in docs/markdown.md.
 * @example richTextToMdast([['Hi ', [['b']]], ['there', [['b'], ['i']]]])
 * // [{ type: 'strong', children: [{ type: 'text', value: 'Hi ' }, { type: 'emphasis', … }] }]
 */
export function richTextToMdast(richText: RichText): PhrasingContent[] {
  const items = normalizeRichText(richText).map(([text, decorations]) => toItem(text, decorations ?? []))
  return build(items, topLevel)
}

function toItem(text: string, decorations: readonly Decoration[]): Item {
  const wrappers = new Map<string, Decoration>()
  let leaf: Decoration | undefined
  for (const decoration of decorations) {
    if (leaf === undefined && formFor(decoration).leaf?.(decoration, text, topLevel) !== undefined) leaf = decoration
    else wrappers.set(decorationKey(decoration), decoration)
  }
  return { text, leaf, wrappers }
}

function build(items: readonly Item[], context: WrapContext): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let index = 0
  while (index < items.length) {
    const item = items[index]!
    const chosen = outermost(items, index)
    if (chosen === undefined) {
      out.push(...leafNodes(item, context, out[out.length - 1]))
      index += 1
      continue
    }
    const run = items.slice(index, index + chosen.length).map((inner) => without(inner, chosen.key))
    out.push(wrap(chosen.decoration, run, context))
    index += chosen.length
  }
  return out
}

/**
 * The decoration of `items[start]` to open first: the one running over the most segments
 * (fewest nodes), ties broken by form rank and then by key so the output is deterministic.
 */
function outermost(items: readonly Item[], start: number) {
  let best: { key: string; decoration: Decoration; length: number; rank: number } | undefined
  for (const [key, decoration] of items[start]!.wrappers) {
    let length = 1
    while (items[start + length]?.wrappers.has(key)) length += 1
    const rank = formFor(decoration).rank
    if (
      best === undefined ||
      length > best.length ||
      (length === best.length && (rank < best.rank || (rank === best.rank && key < best.key)))
    ) {
      best = { key, decoration, length, rank }
    }
  }
  return best
}

function without(item: Item, key: string): Item {
  const wrappers = new Map(item.wrappers)
  wrappers.delete(key)
  return { ...item, wrappers }
}

function wrap(decoration: Decoration, run: readonly Item[], context: WrapContext): PhrasingContent {
  return (
    wrapWith(formFor(decoration), decoration, run, context) ??
    // A form that cannot say this decoration here falls back to the generic directive.
    wrapWith(genericDecoration, decoration, run, context)!
  )
}

function wrapWith(
  form: DecorationForm,
  decoration: Decoration,
  run: readonly Item[],
  context: WrapContext,
): PhrasingContent | undefined {
  const labelled = 'directive' in form.reads
  return form.wrap?.(decoration, (inner) => build(run, labelled ? { ...inner, inLabel: true } : inner), context)
}

/**
 * The innermost nodes of a segment: its leaf form if it can be used here, else text. Two leaves
 * of one kind cannot touch (`$a$$b$` reads as one span), so the second takes the generic form.
 */
function leafNodes(item: Item, context: WrapContext, previous: PhrasingContent | undefined): PhrasingContent[] {
  if (item.leaf === undefined) return textNodes(item.text)
  const node = formFor(item.leaf).leaf?.(item.leaf, item.text, context)
  if (node !== undefined && node.type !== previous?.type) return [node]
  return [genericDecoration.wrap!(item.leaf, () => textNodes(item.text), context)!]
}

/** Text with its line breaks as `break` nodes (written `\` + newline). */
function textNodes(text: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  text.split('\n').forEach((line, index) => {
    if (index > 0) nodes.push({ type: 'break' })
    if (line !== '') nodes.push({ type: 'text', value: line })
  })
  return nodes
}
