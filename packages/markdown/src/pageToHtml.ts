import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { RichText } from '@notion-rx/protocol'
import type { Nodes as MdastNodes } from 'mdast'
import { toHast, type Handler, type State } from 'mdast-util-to-hast'
import type { PageToMarkdownOptions } from './exportState.js'
import { pageToMdast } from './pageToMdast.js'
import type { RecordSource } from './recordSource.js'
import { richTextPlainText } from './richTextPlainText.js'

export interface PageToHtmlOptions extends PageToMarkdownOptions {
  /**
   * A whole document (`<!DOCTYPE html>`, a `<title>`, a small stylesheet) or only the body's content.
   * @default true
   */
  document?: boolean
}

/** Notion's own markup (mentions, colours, callouts, toggles…) as elements carrying their name as a class. */
function directive(tagName: 'span' | 'div'): Handler {
  return (state: State, node: MdastNodes): Element => {
    const named = node as MdastNodes & { name?: string; attributes?: Record<string, string | null | undefined> | null }
    const properties: Element['properties'] = { className: [`notion-${String(named.name ?? 'block')}`] }
    for (const [key, value] of Object.entries(named.attributes ?? {})) {
      // Only data-* attributes: a page's own text never becomes an event handler or a link target here.
      if (typeof value === 'string' && /^[a-z][a-z0-9_-]*$/i.test(key)) properties[`data-${key.toLowerCase()}`] = value
    }
    return { type: 'element', tagName, properties, children: state.all(node) as ElementContent[] }
  }
}

const handlers: Record<string, Handler> = {
  textDirective: directive('span'),
  leafDirective: directive('div'),
  containerDirective: directive('div'),
  inlineMath: (_state, node) => ({ type: 'element', tagName: 'code', properties: { className: ['math'] }, children: [{ type: 'text', value: (node as { value: string }).value }] }),
  math: (_state, node) => ({
    type: 'element',
    tagName: 'pre',
    properties: { className: ['math'] },
    children: [{ type: 'text', value: (node as { value: string }).value }],
  }),
}

const STYLE = `body{font-family:ui-sans-serif,system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#37352f}
pre{background:#f7f6f3;padding:1rem;overflow:auto}code{background:#f7f6f3;padding:0 .2em}
blockquote{border-left:3px solid #37352f;margin-left:0;padding-left:1rem}table{border-collapse:collapse}td,th{border:1px solid #e9e9e7;padding:.25rem .5rem}`

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * A page and everything below it as HTML: the same tree as `pageToMarkdown` (so every block type
 * and decoration has one conversion), rendered through mdast → hast. Raw HTML never passes
 * through, so a page's content cannot inject markup or scripts.
 * @example pageToHtml(recordMapSource(recordMap), pageId) // '<!DOCTYPE html>…<h1>Title</h1>…'
 */
export function pageToHtml(source: RecordSource, pageId: string, options?: PageToHtmlOptions): string {
  const tree = toHast(pageToMdast(source, pageId, options), { handlers }) as HastRoot
  const body = toHtml(tree)
  if (options?.document === false) return body
  const title = (source.getBlock(pageId)?.['properties'] as { title?: unknown } | undefined)?.title
  const titleText = Array.isArray(title) ? richTextPlainText(title as RichText, source) : ''
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeText(titleText || 'Untitled')}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`
}
