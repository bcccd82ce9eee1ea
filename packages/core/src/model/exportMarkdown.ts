import { pageToMarkdown, recordMapSource, type PageToMarkdownOptions } from '@notion-rx/markdown'
import type { CallOptions } from '../callOptions.js'
import { queryDatabaseRows } from '../databases/query/queryDatabaseRows.js'
import type { Block } from '../records/block.js'
import { abortable } from '../sync/abortable.js'

/**
 * A page (or any block) and everything below it as markdown, after loading the whole page
 * (every chunk, every descendant). Database views list the rows the store holds.
 * @example const markdown = await exportMarkdown(await client.getBlock(url))
 */
export async function exportMarkdown(block: Block, options: PageToMarkdownOptions & CallOptions = {}): Promise<string> {
  const { context } = block
  const { signal, ...markdownOptions } = options
  await context.loadPage(block.id, { signal })
  const rows = await abortable(queryDatabaseRows(context, block.id), signal)
  return pageToMarkdown(recordMapSource(context.store.snapshot, { rows }), block.id, markdownOptions)
}
