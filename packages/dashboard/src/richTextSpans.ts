import type { RecordStore } from '@notion-rx/core/advanced'
import { decorationsOf, plainText, segmentsOf } from '@notion-rx/protocol'
import type { Span } from './viewModel.js'

/** A user's display name from the store, or a short form of the id when the record is not loaded. */
export function userName(store: RecordStore, id: string): string {
  const value = store.get('notion_user', id)?.value
  const name = value?.['name']
  if (typeof name === 'string' && name !== '') return name
  const given = [value?.['given_name'], value?.['family_name']].filter((part) => typeof part === 'string' && part !== '')
  if (given.length > 0) return given.join(' ')
  const email = value?.['email']
  return typeof email === 'string' ? email : `user ${id.slice(0, 8)}`
}

/** A page's title from the store, or `Untitled`. */
export function pageTitle(store: RecordStore, id: string): string {
  const properties = store.get('block', id)?.value?.['properties'] as Record<string, unknown> | undefined
  const collectionId = store.get('block', id)?.value?.['collection_id']
  if (!properties && typeof collectionId === 'string') {
    return plainText(store.get('collection', collectionId)?.value?.['name']) || 'Untitled'
  }
  return plainText(properties?.['title']) || 'Untitled'
}

function dateText(value: unknown): string {
  const date = value as { start_date?: unknown; end_date?: unknown; start_time?: unknown } | undefined
  const start = typeof date?.start_date === 'string' ? date.start_date : ''
  const time = typeof date?.start_time === 'string' ? ` ${date.start_time}` : ''
  const end = typeof date?.end_date === 'string' ? ` → ${date.end_date}` : ''
  return `${start}${time}${end}`
}

/**
 * Notion's rich text (segments of text and decorations) as spans with named marks; mentions of
 * users, pages and dates become their label, read from the store.
 */
export function richTextSpans(store: RecordStore, raw: unknown): Span[] {
  const spans: Span[] = []
  for (const segment of segmentsOf(raw)) {
    const span: Span = { text: typeof segment[0] === 'string' ? segment[0] : '' }
    for (const decoration of decorationsOf(segment)) {
      const [code, argument] = decoration
      switch (code) {
        case 'b': span.bold = true; break
        case 'i': span.italic = true; break
        case 's': span.strike = true; break
        case 'c': span.code = true; break
        case '_': span.underline = true; break
        case 'a': if (typeof argument === 'string' && /^(https?:|mailto:|\/)/i.test(argument)) span.href = argument; break
        case 'h': if (typeof argument === 'string') span.color = argument; break
        case 'e': if (typeof argument === 'string') { span.text = argument; span.equation = true } break
        case 'u': if (typeof argument === 'string') { span.text = `@${userName(store, argument)}`; span.mention = 'user' } break
        case 'p': if (typeof argument === 'string') { span.text = pageTitle(store, argument); span.mention = 'page' } break
        case 'd': span.text = dateText(argument); span.mention = 'date'; break
        default: break
      }
    }
    spans.push(span)
  }
  return spans
}

export function spansText(spans: readonly Span[]): string {
  return spans.map((span) => span.text).join('')
}
