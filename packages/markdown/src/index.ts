// Rich text <-> markdown
export { toMarkdown } from './toMarkdown.js'
export { fromMarkdown } from './fromMarkdown.js'
export { richTextToMdast } from './richTextToMdast.js'
export { mdastToRichText } from './mdastToRichText.js'
export type { MdastToRichTextOptions } from './mdastToRichText.js'
export { normalizeRichText } from './normalizeRichText.js'
export { parseRichText } from './parseRichText.js'
export type { ParseRichTextResult } from './parseRichText.js'
export { InvalidRichTextError } from './invalidRichTextError.js'
export type { RichTextIssue } from './invalidRichTextError.js'
// unified plugins
export { remarkRichText } from './remarkRichText.js'
export { remarkTitle } from './remarkTitle.js'
