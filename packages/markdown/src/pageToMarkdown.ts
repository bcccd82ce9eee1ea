import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import type { PageToMarkdownOptions } from './exportState.js'
import { pageToMdast } from './pageToMdast.js'
import type { RecordSource } from './recordSource.js'
import { remarkBlocks } from './remarkBlocks.js'

const processor = unified().use(remarkBlocks).use(remarkStringify).freeze()

/**
 * A page and everything below it as a markdown document (the forms are in docs/markdown.md,
 * "Pages and blocks"). Works on any RecordSource: `recordMapSource(recordMap)` or
 * `recordMapSource(client.store.snapshot)`. Never throws on bad data; see `options.onIssue`.
 * @example pageToMarkdown(recordMapSource(recordMap), pageId) // '# Title\n\nText…\n'
 */
export function pageToMarkdown(source: RecordSource, pageId: string, options?: PageToMarkdownOptions): string {
  return processor.stringify(pageToMdast(source, pageId, options))
}
