import { richTextSchema, richTextToPlainText, type RichText } from '@notion-rx/protocol'
import type { RecordValue } from './recordRepository.js'

/** A stored property as rich text, or undefined when it is not one (bad data is skipped, not thrown). */
export function asRichText(value: unknown): RichText | undefined {
  const parsed = richTextSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

function properties(value: RecordValue): Record<string, unknown> {
  const props = value['properties']
  return typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {}
}

/** The plain-text title of a block (its `title` property), '' when it has none. */
export function blockTitle(value: RecordValue): string {
  const title = asRichText(properties(value)['title'])
  return title ? richTextToPlainText(title) : ''
}

/** Plain text of every property but the title (row values, captions, code language...). */
export function blockPropertyTexts(value: RecordValue): string[] {
  const texts: string[] = []
  for (const [key, raw] of Object.entries(properties(value))) {
    if (key === 'title') continue
    const richText = asRichText(raw)
    if (richText) texts.push(richTextToPlainText(richText))
  }
  return texts
}

/** Ids a block's properties mention with the given decoration code (`p` pages, `u` users). */
export function mentionedIds(value: RecordValue, code: 'p' | 'u'): Set<string> {
  const ids = new Set<string>()
  for (const raw of Object.values(properties(value))) {
    const richText = asRichText(raw)
    if (!richText) continue
    for (const [, decorations] of richText) {
      for (const decoration of decorations ?? []) {
        if (decoration[0] === code && typeof decoration[1] === 'string') ids.add(decoration[1])
      }
    }
  }
  return ids
}
