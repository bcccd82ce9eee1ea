import { markdownToPage } from '@notion-rx/markdown'
import type { Children } from './children.js'
import { addBlockNodes } from './markdownBlocks.js'
import type { NotionRecord } from './notionRecord.js'
import type { PageBlock } from './pageBlocks.js'
import { resolveRecord } from './recordRegistry.js'

/**
 * Imports a markdown document as a NEW page under `parent` (a block or a space), in one batch:
 * its leading `# heading` is the page title (as `exportMarkdown` writes it), the rest its
 * content. Returns the page at once; `await page.committed` or `client.flush()` for the server.
 * @example const page = importMarkdown(parentPage, readFileSync('notes.md', 'utf8'))
 */
export function importMarkdown(parent: NotionRecord & { readonly children?: Children; readonly pages?: Children }, markdown: string): PageBlock {
  const list = parent.table === 'space' ? parent.pages : parent.children
  if (list === undefined) throw new TypeError(`cannot add a page under a ${parent.table} record`)
  const { title, blocks } = markdownToPage(markdown)
  const userId = parent.context.currentUserId()
  // A top-level page needs a permission to be visible, as Space.addPage gives it.
  const extra =
    parent.table === 'space' ? { permissions: [userId === undefined ? { role: 'editor', type: 'space_permission' } : { role: 'editor', type: 'user_permission', user_id: userId }] } : {}
  const [pageId] = addBlockNodes(list, [{ type: 'page', properties: { title: title ?? [] }, children: blocks }], extra)
  return resolveRecord(parent.context, 'block', pageId as string) as PageBlock
}
