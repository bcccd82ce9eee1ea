import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import type { Preset } from 'unified'
import { hardBreak } from './hardBreak.js'
import { textDirectiveHandler } from './textDirectiveHandler.js'

/**
 * The markdown dialect of Notion rich text, as a unified preset to use with remark-parse and
 * remark-stringify: GFM (strikethrough), math (inline equations), directives (underline, colours,
 * mentions, comments, everything markdown has no syntax for), `*` for emphasis (it also works
 * inside words, `_` does not), newlines that survive anywhere (`hardBreak`), directive attributes that survive nesting
 * (`textDirectiveHandler`).
 * @example unified().use(remarkParse).use(remarkRichText).use(remarkStringify)
 */
export const remarkRichText: Preset = {
  plugins: [remarkGfm, remarkMath, remarkDirective],
  settings: {
    emphasis: '*',
    strong: '*',
    handlers: { break: hardBreak, textDirective: textDirectiveHandler },
    unsafe: [
      // mdast-util-directive escapes `:` before a name only when the character before it is not
      // itself escaped, but `\$:user` still starts a directive; and micromark, which checks UTF-16
      // code units, reads a tab or an astral character (an emoji) as the start of a name.
      {
        character: ':',
        after: '(?:[^\\s\\p{P}\\p{S}]|\\t|[\\u{10000}-\\u{10FFFF}])',
        inConstruct: 'phrasing',
        unicode: true,
      },
      // A raw link destination that starts with `<` would read as an unclosed `<…>` one.
      { character: '<', inConstruct: 'destinationRaw' },
      // `<-@0>` is an email autolink; outside labels GFM escapes its `@`, inside it does not.
      {
        character: '<',
        after: "[\\w.!#$%&'*+/=?^`{|}~-]",
        inConstruct: 'phrasing',
        notInConstruct: ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'],
      },
    ],
  },
}
