import type { RootContent } from 'mdast'
import { formatOf, textOf, type ExportState } from '../exportState.js'
import type { RecordValueLike } from '../recordSource.js'

/** Where a media or embed block points: `format.display_source`, else `properties.source`. */
export function mediaUrl(block: RecordValueLike, state: ExportState): string {
  const display = formatOf(block)['display_source']
  return typeof display === 'string' && display !== '' ? display : textOf(state, block, 'source')
}

/**
 * A media or embed block as a paragraph holding one link, labelled with its caption, else its
 * title (file name, bookmark title), else the URL. Markdown cannot embed these; a link is what a
 * reader can follow.
 */
export function mediaLink(block: RecordValueLike, state: ExportState, url = mediaUrl(block, state)): RootContent[] {
  if (url === '') return []
  const caption = state.phrasing(block, 'caption')
  const title = caption.length > 0 ? caption : state.phrasing(block, 'title')
  const children = title.length > 0 ? title : [{ type: 'text' as const, value: url }]
  return [{ type: 'paragraph', children: [{ type: 'link', url, children }] }]
}
