import type { Processor } from 'unified'

/**
 * Block constructs that cannot be in a title. A title is one line of rich text, so `# x`,
 * `- y`, `1. z`, `> q`, fences, tables, setext underlines and the like are read as the literal
 * text of a paragraph instead.
 */
const blockConstructs = [
  'blockQuote',
  'codeFenced',
  'codeIndented',
  'definition',
  'gfmFootnoteDefinition',
  'headingAtx',
  'htmlFlow',
  'list',
  'mathFlow',
  'setextUnderline',
  'table',
  'thematicBreak',
  // GFM literal autolinks (`www.x.com`) are tokenized raw, escapes included, even where
  // `toMarkdown` could not escape them (directive labels); `fromMarkdown` keeps them as text.
  'emailAutolink',
  'protocolAutolink',
  'wwwAutolink',
]

/**
 * A remark plugin that parses markdown as the content of one title: block syntax stays text.
 * (Directive blocks, `::x` and `:::x`, cannot be switched off; `fromMarkdown` keeps their source.)
 */
export function remarkTitle(this: Processor): undefined {
  const data = this.data()
  const micromarkExtensions = data.micromarkExtensions ?? (data.micromarkExtensions = [])
  micromarkExtensions.push({ disable: { null: blockConstructs } })
}
