import type { RecordStore } from '@notion-rx/core/advanced'
import { plainText } from '@notion-rx/protocol'
import { pageTitle, richTextSpans } from './richTextSpans.js'
import type { BlockModel, PageModel } from './viewModel.js'

/** Deeper trees are cut here: a page is data from a server, and recursion must be bounded. */
export const MAX_BLOCK_DEPTH = 24
/** At most this many blocks per page are rendered. */
export const MAX_PAGE_BLOCKS = 5000

const HEADINGS: Record<string, number> = { header: 1, sub_header: 2, sub_sub_header: 3 }
const FILE_TYPES = new Set(['image', 'file', 'pdf', 'video', 'audio'])
/** Blocks whose children are a page of their own (shown as a link, not inlined). */
const PAGE_TYPES = new Set(['page', 'collection_view_page'])

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** A page's blocks as the browser renders them, and every block id it read (to keep them followed). */
export interface PageRead {
  page: PageModel
  /** Blocks read (held so the monitor follows them). */
  blockIds: Set<string>
  /** Children the store does not hold yet (to load). */
  missing: string[]
  /** Views of inline databases, by view id. */
  viewIds: string[]
}

/** Reads the page `rootId` and its blocks from the store. */
export function readPage(store: RecordStore, rootId: string, fileUrl: (blockId: string) => string): PageRead {
  const blockIds = new Set<string>([rootId])
  const missing: string[] = []
  const viewIds: string[] = []
  const blockOf = (id: string, depth: number): BlockModel | undefined => {
    const value = store.get('block', id)?.value
    if (!value) {
      missing.push(id)
      return undefined
    }
    if (value['alive'] === false) return undefined
    blockIds.add(id)
    const type = String(value['type'])
    const properties = (value['properties'] ?? {}) as Record<string, unknown>
    const format = (value['format'] ?? {}) as Record<string, unknown>
    const block: BlockModel = { id, type, spans: richTextSpans(store, properties['title']), children: [] }
    const level = HEADINGS[type]
    if (level) block.level = level
    if (type === 'to_do') block.checked = plainText(properties['checked']) === 'Yes'
    if (typeof format['block_color'] === 'string') block.color = format['block_color']
    if (typeof format['page_icon'] === 'string') block.icon = format['page_icon']
    if (type === 'code') block.language = plainText(properties['language']) || 'plain text'
    if (FILE_TYPES.has(type)) {
      block.source = fileUrl(id)
      block.caption = richTextSpans(store, properties['caption'])
    }
    if (type === 'bookmark') {
      const link = plainText(properties['link'])
      if (/^https?:/i.test(link)) block.source = link
    }
    if (PAGE_TYPES.has(type)) block.spans = [{ text: pageTitle(store, id), mention: 'page' }]
    if (type === 'collection_view' || type === 'collection_view_page') {
      const [viewId] = strings(value['view_ids'])
      if (viewId) {
        block.viewId = viewId
        viewIds.push(viewId)
      }
      return block
    }
    if (PAGE_TYPES.has(type) || depth >= MAX_BLOCK_DEPTH) return block
    for (const child of strings(value['content'])) {
      if (blockIds.size >= MAX_PAGE_BLOCKS) break
      const model = blockOf(child, depth + 1)
      if (model) block.children.push(model)
    }
    return block
  }
  const root = store.get('block', rootId)?.value
  const blocks: BlockModel[] = []
  for (const child of strings(root?.['content'])) {
    if (blockIds.size >= MAX_PAGE_BLOCKS) break
    const model = blockOf(child, 1)
    if (model) blocks.push(model)
  }
  const icon = (root?.['format'] as { page_icon?: unknown } | undefined)?.page_icon
  const page: PageModel = { id: rootId, title: pageTitle(store, rootId), blocks, ...(typeof icon === 'string' ? { icon } : {}) }
  return { page, blockIds, missing, viewIds }
}
