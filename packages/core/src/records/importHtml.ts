import { htmlToPage } from '@notion-rx/markdown'
import type { Children } from './children.js'
import { importPageInParts, type ImportInPartsOptions } from './importMarkdownInParts.js'
import type { NotionRecord } from './notionRecord.js'
import type { PageBlock } from './pageBlocks.js'

/**
 * Imports an HTML document as a NEW page under `parent` (a block or a space): its first `<h1>`
 * (or else its `<title>`) is the page title, its body the content, read by `htmlToPage` (headings, lists,
 * to-dos, tables, code, quotes, images, links and marks; scripts, styles and event handlers never
 * become content). Large documents go in parts, exactly as `importMarkdownInParts` sends them;
 * resolves with the page once every part committed.
 * @throws PartialImportError when a part after the first fails
 * @example const page = await importHtml(parentPage, readFileSync('page.html', 'utf8'))
 */
export function importHtml(
  parent: NotionRecord & { readonly children?: Children; readonly pages?: Children },
  html: string,
  options: ImportInPartsOptions = {},
): Promise<PageBlock> {
  if (typeof html !== 'string') return Promise.reject(new TypeError(`importHtml expects the HTML as a string, got ${typeof html}`))
  return importPageInParts(parent, htmlToPage(html), options)
}
