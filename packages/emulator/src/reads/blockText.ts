import { richTextSchema, richTextToPlainText, type RichText } from '@notion-rx/protocol'
import type { RecordValue } from '../storage/recordRepository.js'

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

/**
 * Ids mentioned with a decoration code (`p` pages, `u` users) in rich-text values. Lenient on
 * purpose: records are stored as clients wrote them, so anything that is not a well-formed
 * segment is skipped rather than rejected.
 */
export function mentionIdsIn(richTexts: Iterable<unknown>, code: 'p' | 'u'): string[] {
  const ids: string[] = []
  for (const richText of richTexts) {
    if (!Array.isArray(richText)) continue
    for (const segment of richText) {
      const decorations = Array.isArray(segment) ? segment[1] : undefined
      if (!Array.isArray(decorations)) continue
      for (const decoration of decorations) {
        if (Array.isArray(decoration) && decoration[0] === code && typeof decoration[1] === 'string') ids.push(decoration[1])
      }
    }
  }
  return ids
}

/** Ids a block's properties mention with the given decoration code (`p` pages, `u` users). */
export function mentionedIds(value: RecordValue, code: 'p' | 'u'): Set<string> {
  return new Set(mentionIdsIn(Object.values(properties(value)), code))
}
