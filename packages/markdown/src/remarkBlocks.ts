import type { Preset } from 'unified'
import { remarkRichText } from './remarkRichText.js'

/**
 * The markdown dialect of whole pages: rich text's (`remarkRichText`) plus block settings: `-`
 * bullets, `---` rules, fenced code.
 * @example unified().use(remarkParse).use(remarkBlocks).use(remarkStringify)
 */
export const remarkBlocks: Preset = {
  plugins: remarkRichText.plugins ?? [],
  settings: { ...remarkRichText.settings, bullet: '-', rule: '-', fences: true, listItemIndent: 'one' },
}
