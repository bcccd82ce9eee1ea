import { markdownToBlocks, markdownToPage, pageToMarkdown, recordMapSource, type BlockNode, type PageToMarkdownOptions } from '@notion-rx/markdown'
import type { Operation, OperationPointer } from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import type { CollectionSchema } from '../collections/collectionSchema.js'
import { fromViewQuery2 } from '../collections/fromViewQuery2.js'
import { QueryBuilder, RESULTS_REDUCER } from '../collections/queryBuilder.js'
import type { CollectionQueryContext } from '../collections/queryContext.js'
import type { CallOptions } from '../callOptions.js'
import { abortable } from '../sync/abortable.js'
import type { Block } from './block.js'
import type { Children } from './children.js'
import type { NotionRecord } from './notionRecord.js'
import type { PageBlock } from './pageBlocks.js'
import { resolveRecord } from './recordResolver.js'
import { newBlockArgs } from './newBlockArgs.js'
import { queueWrite } from './recordWrites.js'

/**
 * Creates block trees at the end of `children`, all in ONE batch (one submitTransaction): each
 * record is set whole, its `content` already listing its children, then the top-level ids are
 * listed on the parent. Types notion-rx does not know become text blocks naming them.
 */
export function addBlockNodes(children: Children, nodes: readonly BlockNode[], extra: Readonly<Record<string, unknown>> = {}): Block[] {
  const { parent, listKey } = children
  const { context } = parent
  const spaceId = parent.table === 'space' ? parent.id : parent.spaceId
  const userId = context.currentUserId()
  const now = context.now()
  const operations: Operation[] = []
  const records: Operation[] = []
  const pointerOf = (id: string): OperationPointer => (spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId })
  const create = (node: BlockNode, parentId: string, parentTable: string, top: boolean): string => {
    const id = context.newId()
    const args = newBlockArgs(node, { id, parentId, parentTable, spaceId, userId, now, ...(top ? { extra } : {}) })
    // Parents before children: the server checks a new block's access through its parent.
    records.push({ pointer: pointerOf(id), path: [], command: 'set', args })
    const content = (node.children ?? []).map((child) => create(child, id, 'block', false))
    if (content.length > 0) args['content'] = content
    return id
  }
  const ids = nodes.map((node) => create(node, parent.id, parent.table, true))
  operations.push(...records, ...ids.map((id): Operation => ({ pointer: parent.pointer(), path: [listKey], command: 'listAfter', args: { id } })))
  if (operations.length > 0) void queueWrite(context, operations)
  return ids.map((id) => resolveRecord(context, 'block', id) as Block)
}

/**
 * Appends the blocks of a markdown document to `children` (see `Children.addMarkdown`).
 */
export function addMarkdown(children: Children, markdown: string): Block[] {
  return addBlockNodes(children, markdownToBlocks(markdown))
}

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
  const [page] = addBlockNodes(list, [{ type: 'page', properties: { title: title ?? [] }, children: blocks }], extra)
  return page as PageBlock
}

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

/**
 * The rows of every database on the page, by view id, in the first view's order (its saved
 * filter and sort): queried when the client can (NotionClient.queryCollection); otherwise, or on
 * failure, the export lists the rows the store holds.
 */
async function queryDatabaseRows(context: ClientContext, pageId: string): Promise<Record<string, readonly string[]>> {
  if (!isQueryContext(context)) return {}
  const { store } = context
  const rows: Record<string, readonly string[]> = {}
  const databases: { collectionId: string; viewId: string; spaceId: string | undefined }[] = []
  const seen = new Set<string>()
  const visit = (id: string) => {
    if (seen.has(id)) return
    seen.add(id)
    const value = store.get('block', id)?.value
    if (value === undefined) return
    const viewIds = value['view_ids']
    const pointer = (value['format'] as Record<string, unknown> | undefined)?.['collection_pointer'] as Record<string, unknown> | undefined
    const collectionId = typeof value['collection_id'] === 'string' ? value['collection_id'] : pointer?.['id']
    if (Array.isArray(viewIds) && typeof viewIds[0] === 'string' && typeof collectionId === 'string') {
      const spaceId = typeof value['space_id'] === 'string' ? value['space_id'] : undefined
      databases.push({ collectionId, viewId: viewIds[0], spaceId })
    }
    // Database rows are pages of their own: not walked into.
    if (id !== pageId && value['type'] === 'page') return
    const content = value['content']
    if (Array.isArray(content)) for (const child of content) if (typeof child === 'string') visit(child)
  }
  visit(pageId)
  await Promise.all(
    databases.map(async ({ collectionId, viewId, spaceId }) => {
      try {
        const view = store.get('collection_view', viewId)?.value
        const schema = (store.get('collection', collectionId)?.value?.['schema'] ?? {}) as CollectionSchema
        const builder = view === undefined ? new QueryBuilder(schema) : fromViewQuery2(view as never, schema)
        const body = builder.toQueryCollectionBody({ collectionId, viewId, ...(spaceId === undefined ? {} : { spaceId }) })
        const response = await context.queryCollection(body)
        const results = (response.result as { reducerResults?: Record<string, { blockIds?: unknown }> }).reducerResults?.[RESULTS_REDUCER]
        if (Array.isArray(results?.blockIds)) rows[viewId] = results.blockIds.filter((id): id is string => typeof id === 'string')
      } catch {
        // The rows the store holds are listed instead.
      }
    }),
  )
  return rows
}

function isQueryContext(context: ClientContext): context is CollectionQueryContext {
  return typeof (context as Partial<CollectionQueryContext>).queryCollection === 'function'
}
