/**
 * Lossless conversion between Notion rich text and markdown, and between pages and markdown documents,
 * on unified/remark.
 * @module @notion-rx/markdown
 */
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
export { remarkBlocks } from './remarkBlocks.js'
// Pages and blocks <-> markdown
export { pageToMarkdown } from './pageToMarkdown.js'
export { pageToMdast } from './pageToMdast.js'
export { pageToHtml } from './pageToHtml.js'
export type { PageToHtmlOptions } from './pageToHtml.js'
export type { BlockHandler, ExportIssue, ExportState, PageToMarkdownOptions } from './exportState.js'
export { markdownToBlocks, markdownToPage } from './markdownToBlocks.js'
export { htmlToBlocks, htmlToPage } from './htmlToPage.js'
export type { MarkdownPage } from './markdownToBlocks.js'
export type { BlockNode } from './blockNode.js'
export { recordMapSource } from './recordSource.js'
export type { RecordMapLike, RecordMapSourceOptions, RecordSource, RecordValueLike } from './recordSource.js'
export { blocksToRecordMap } from './blocksToRecordMap.js'
