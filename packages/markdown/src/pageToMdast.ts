import type { List, Root, RootContent } from 'mdast'
import { checkedRichText, propertiesOf, type ExportIssue, type ExportState, type PageToMarkdownOptions } from './exportState.js'
import { handle, unknownBlock } from './handle/index.js'
import type { RecordSource, RecordValueLike } from './recordSource.js'
import { richTextPlainText } from './richTextPlainText.js'
import { richTextToMdast } from './richTextToMdast.js'
import { scalarText } from './scalarText.js'

const emptyOptions: PageToMarkdownOptions = {}

/**
 * A page (or any block) and everything below it as an mdast tree, one handler per block type
 * (`handle/`). Never throws on bad data: problems go to `options.onIssue`.
 * @example pageToMdast(recordMapSource(recordMap), pageId)
 */
export function pageToMdast(source: RecordSource, pageId: string, options?: PageToMarkdownOptions): Root {
  const settings = options || emptyOptions
  const report = (issue: ExportIssue) => settings.onIssue?.(issue)
  // Synced blocks and aliases are followed; this path guards against ones that lead back.
  const path = new Set<string>()
  let done = 0
  const state: ExportState = {
    source,
    options: settings,
    rootId: pageId,
    report,
    children(block) {
      const content = block['content']
      if (!Array.isArray(content)) return []
      const out: RootContent[] = []
      // Consecutive blocks the source does not hold (a partly loaded page) share one comment.
      let missing: string[] = []
      const flushMissing = () => {
        if (missing.length === 0) return
        for (const id of missing) report({ blockId: id, code: 'missing_block', message: `block ${id} is not in the source` })
        const what = missing.length === 1 ? `block ${missing[0]!}` : `${missing.length} blocks (${missing[0]!} …)`
        out.push({ type: 'html', value: `<!-- ${what} not loaded -->` })
        missing = []
      }
      for (const id of content) {
        if (typeof id !== 'string') continue
        if (source.getBlock(id) === undefined) missing.push(id)
        else {
          flushMissing()
          out.push(...state.block(id))
        }
      }
      flushMissing()
      return mergeLists(out)
    },
    block(id) {
      const block = source.getBlock(id)
      if (block === undefined) {
        report({ blockId: id, code: 'missing_block', message: `block ${id} is not in the source` })
        return [{ type: 'html', value: `<!-- block ${id} not loaded -->` }]
      }
      if (block['alive'] === false) return []
      if (path.has(id)) {
        report({ blockId: id, code: 'cycle', message: `block ${id} contains itself (through a synced block or alias)` })
        return []
      }
      path.add(id)
      try {
        const type = typeof block['type'] === 'string' ? block['type'] : ''
        const handler = Object.hasOwn(handle, type) ? handle[type]! : unknownBlock
        return handler(block, state)
      } finally {
        path.delete(id)
        settings.onProgress?.(++done)
      }
    },
    contentOf(id) {
      const block = source.getBlock(id)
      if (block === undefined) return state.block(id)
      if (path.has(id)) {
        report({ blockId: id, code: 'cycle', message: `block ${id} contains itself (through a synced block or alias)` })
        return []
      }
      path.add(id)
      try {
        return state.children(block)
      } finally {
        path.delete(id)
      }
    },
    richText: (block, key) => checkedRichText(propertiesOf(block)[key], scalarText(block['id']), report),
    phrasing: (block, key) => richTextToMdast(state.richText(block, key)),
    plainText: (value, blockId) => richTextPlainText(checkedRichText(value, blockId, report), source),
    pageLink(id) {
      const target = source.getBlock(id)
      const title = target === undefined ? '' : richTextPlainText(checkedRichText(propertiesOf(target)['title'], id, report), source)
      const url = settings.pageUrl?.(id) ?? `https://www.notion.so/${id.replace(/-/g, '')}`
      return { type: 'link', url, children: [{ type: 'text', value: title === '' ? 'Untitled' : title }] }
    },
    colored(block, nodes) {
      const format = block['format'] as Record<string, unknown> | undefined
      const color = format?.['block_color']
      if (typeof color !== 'string' || color === 'default' || nodes.length === 0) return nodes
      return [{ type: 'containerDirective', name: 'color', attributes: { value: color }, children: nodes as never }]
    },
  }
  return { type: 'root', children: state.block(pageId) }
}

/** Consecutive list blocks are one markdown list (bulleted with to-dos, numbered with numbered). */
function mergeLists(nodes: RootContent[]): RootContent[] {
  const out: RootContent[] = []
  for (const node of nodes) {
    const previous = out[out.length - 1]
    if (node.type === 'list' && previous?.type === 'list' && Boolean(previous.ordered) === Boolean(node.ordered)) {
      out[out.length - 1] = { ...previous, children: [...previous.children, ...node.children] } satisfies List
    } else out.push(node)
  }
  return out
}

export type { RecordValueLike }
