import type { BlockNode } from './blockNode.js'
import type { RecordMapLike } from './recordSource.js'

/**
 * Block trees as a record map under a page, with ids `prefix-1`, `prefix-2`, ... : to export
 * what `markdownToBlocks` produced without a server (round trips, benchmarks, previews).
 * @example pageToMarkdown(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page')
 */
export function blocksToRecordMap(blocks: readonly BlockNode[], options?: { pageId?: string; title?: unknown }): RecordMapLike {
  const pageId = options?.pageId ?? 'page'
  const block: Record<string, { value: Record<string, unknown> }> = {}
  let next = 0
  const add = (nodes: readonly BlockNode[], parentId: string): string[] =>
    nodes.map((node) => {
      const id = `${pageId}-${++next}`
      const content = add(node.children ?? [], id)
      block[id] = {
        value: {
          id,
          type: node.type,
          parent_id: parentId,
          parent_table: 'block',
          alive: true,
          ...(node.properties ? { properties: node.properties } : {}),
          ...(node.format ? { format: node.format } : {}),
          ...(content.length > 0 ? { content } : {}),
        },
      }
      return id
    })
  const content = add(blocks, pageId)
  block[pageId] = {
    value: { id: pageId, type: 'page', alive: true, properties: { title: options?.title ?? [] }, content },
  }
  return { block }
}
