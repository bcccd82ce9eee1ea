import type { Root as HastRoot } from 'hast'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { toMdast } from 'hast-util-to-mdast'
import type { Root as MdastRoot } from 'mdast'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import type { BlockNode } from './blockNode.js'
import { markdownToBlocks, markdownToPage, type MarkdownPage } from './markdownToBlocks.js'
import { bodyOf, textOf, tidyHtml, unwrapLinksWithoutAddress } from './tidyHtml.js'

const parser = unified().use(rehypeParse).freeze()

/**
 * GitHub's sanitizing schema (what GitHub applies to rendered READMEs): no scripts, styles,
 * event handlers, or `javascript:` URLs; task-list checkboxes and code languages kept.
 */
const schema: Schema = { ...defaultSchema, clobberPrefix: '', strip: ['script', 'style', 'template', 'noscript', 'title'] }

/**
 * HTML as a page: the first `<h1>` (or else the document's `<title>`) is the title, and the body
 * becomes blocks through the markdown path (hast → mdast → the same readers as
 * `markdownToPage`): headings, lists, to-dos (checkbox inputs), tables, code with its language,
 * quotes, images by URL, links, bold, italic, strikethrough and inline code. Unsafe content
 * (script, event handlers, `javascript:` links) is removed before anything is read.
 * @example htmlToPage('<h1>Plan</h1><ul><li><input type="checkbox" checked> Ship</li></ul>')
 */
export function htmlToPage(html: string): MarkdownPage {
  let document: HastRoot
  try {
    document = parser.parse(html) as HastRoot
  } catch (error) {
    // HTML nested thousands of levels deep overflows the parser's tree building: kept as text.
    if (error instanceof RangeError) return { title: undefined, blocks: asText(html) }
    throw error
  }
  const title = titleOf(document)
  const page = markdownToPage(htmlToMarkdown(document))
  if (page.title !== undefined || title === undefined) return page
  return { title: [[title]], blocks: page.blocks }
}

/** HTML as blocks to add to an existing page (a leading `<h1>` stays a heading). */
export function htmlToBlocks(html: string): BlockNode[] {
  try {
    return markdownToBlocks(htmlToMarkdown(parser.parse(html) as HastRoot))
  } catch (error) {
    if (error instanceof RangeError) return asText(html)
    throw error
  }
}

/** The last resort for HTML too deep to parse: its text, tags and scripts removed, as one text block. */
function asText(html: string): BlockNode[] {
  const text = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  return text === '' ? [] : [{ type: 'text', properties: { title: [[text]] } }]
}

/**
 * Sanitized HTML as GFM markdown, which the markdown readers then turn into blocks. HTML nested
 * thousands of levels deep overflows the converters' recursive walks: it is kept as plain text.
 */
function htmlToMarkdown(document: HastRoot): string {
  const body = tidyHtml(bodyOf(document))
  try {
    const clean = unwrapLinksWithoutAddress(sanitize(body, schema) as HastRoot)
    return toMarkdown(toMdast(clean) as MdastRoot, { extensions: [gfmToMarkdown()] })
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return textOf(sanitize(body, schema) as HastRoot).replace(/[\\`*_[\]#<>|~]/g, '\\$&')
  }
}

/** The text of the document's `<title>`, used when no `<h1>` leads the body. */
function titleOf(document: HastRoot): string | undefined {
  let found: string | undefined
  const visit = (node: HastRoot | HastRoot['children'][number], depth: number): void => {
    if (found !== undefined || depth > 32) return
    if (node.type === 'element' && node.tagName === 'title') {
      found = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('').trim()
      return
    }
    if ('children' in node) for (const child of node.children) visit(child, depth + 1)
  }
  visit(document, 0)
  return found === '' ? undefined : found
}
