// Prelude "markdown": the markdown package's functions and sample inputs for docs/markdown.md.
import type { RichText } from '@notion-rx/protocol'

export { fromMarkdown, normalizeRichText, parseRichText, toMarkdown } from '@notion-rx/markdown'

/** A rich text value: "Ship **it**". */
export const richText: RichText = [['Ship '], ['it', [['b']]]]

/** A block record value with a title. */
export const block = { id: 'b1', type: 'text', properties: { title: [['Hello']] as unknown } }

/** A page and its one block, as a record map. */
export const pageId = 'p1'
export const recordMap = {
  block: {
    p1: { role: 'reader', value: { id: 'p1', version: 1, type: 'page', properties: { title: [['Title']] }, content: ['b1'], alive: true } },
    b1: { role: 'reader', value: { ...block, version: 1, parent_id: 'p1', parent_table: 'block', alive: true } },
  },
}

export function render(value: unknown): void {
  console.log(value)
}
export function log(value: unknown): void {
  console.error(value)
}
