import { pageToMarkdown, recordMapSource, type PageToMarkdownOptions } from '@notion-rx/markdown'
import { queryDatabaseRows } from '../databases/query/queryDatabaseRows.js'
import type { Block } from '../records/block.js'

/**
 * A page (or any block) and everything below it as markdown, after loading the whole page
 * (every chunk, every descendant). Database views list the rows the store holds.
 * @example const markdown = await exportMarkdown(await client.getBlock(url))
 */
export async function exportMarkdown(block: Block, options?: PageToMarkdownOptions): Promise<string> {
  const { context } = block
  await context.loadPage(block.id)
  const rows = await queryDatabaseRows(context, block.id)
  return pageToMarkdown(recordMapSource(context.store.snapshot, { rows }), block.id, options)
}
