import type { PhrasingContent } from 'mdast'

/** A property value as a reader sees it; a URL is a link (`<https://…>`), not escaped text. */
export function cellText(value: string): PhrasingContent[] {
  if (/^https?:\/\/\S+$/.test(value)) return [{ type: 'link', url: value, children: [{ type: 'text', value }] }]
  return [{ type: 'text', value }]
}
