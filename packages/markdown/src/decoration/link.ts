import type { LinkDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'

/**
 * `a`: `[text](url)`; `[text]()` for a link without URL (`["a"]`); relative URLs stay as they
 * are. `["a", ""]` and a link inside a link (markdown cannot nest them) take the generic form.
 */
export const link: DecorationForm<LinkDecoration> = {
  reads: { type: 'link' },
  rank: 40,
  wrap: (decoration, content, context) => {
    if (context.inLink || decoration[1] === '') return undefined
    return { type: 'link', url: decoration[1] ?? '', title: null, children: content({ ...context, inLink: true }) }
  },
  read: (node) => {
    if (node.type !== 'link') return undefined
    return { decoration: node.url === '' ? ['a'] : ['a', node.url], children: node.children }
  },
}
