import { richTextToPlainText, type RichText } from '@notion-rx/protocol'
import type { RecordSource } from './recordSource.js'

/**
 * Rich text as the text a reader sees: user mentions as names, page mentions as titles, dates as
 * their start (what the source does not hold reads as nothing, as notion-types' getTextContent).
 */
export function richTextPlainText(richText: RichText, source: RecordSource): string {
  return richTextToPlainText(richText, {
    mention: (segment) => {
      const decoration = segment[1]?.[0]
      if (!decoration) return ''
      const [code, argument] = decoration as readonly [string, unknown]
      if (code === 'u' && typeof argument === 'string') {
        const user = source.getUser(argument)
        const name = user?.['name'] ?? [user?.['given_name'], user?.['family_name']].filter(Boolean).join(' ')
        return typeof name === 'string' ? name : ''
      }
      if (code === 'p' && typeof argument === 'string') {
        const title = (source.getBlock(argument)?.['properties'] as Record<string, unknown> | undefined)?.['title']
        return Array.isArray(title) ? title.map((segment: unknown) => (Array.isArray(segment) && typeof segment[0] === 'string' ? segment[0] : '')).join('') : ''
      }
      if (code === 'd' && typeof argument === 'object' && argument !== null) {
        const start = (argument as Record<string, unknown>)['start_date']
        return typeof start === 'string' ? start : ''
      }
      return ''
    },
  })
}
