import { pageToHtml, recordMapSource, type PageToHtmlOptions } from '@notion-rx/markdown'
import type { CallOptions } from '../callOptions.js'
import { queryDatabaseRows } from '../databases/query/queryDatabaseRows.js'
import type { Block } from '../records/block.js'
import { abortable } from '../sync/abortable.js'

/**
 * A page (or any block) and everything below it as HTML, after loading the whole page: a
 * standalone, readable document (a title, a small stylesheet, no scripts), or with
 * `document: false` only the body's content. Database views list the rows the store holds.
 * @example writeFileSync('page.html', await exportHtml(await client.getPage(url)))
 */
export async function exportHtml(block: Block, options: PageToHtmlOptions & CallOptions = {}): Promise<string> {
  const { context } = block
  const { signal, ...htmlOptions } = options
  await context.loadPage(block.id, { signal })
  const rows = await abortable(queryDatabaseRows(context, block.id), signal)
  return pageToHtml(recordMapSource(context.store.snapshot, { rows }), block.id, htmlOptions)
}
