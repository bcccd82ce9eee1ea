import type { ItalicDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'

/** `i`: `*text*` (`_text_` reads too). */
export const italic: DecorationForm<ItalicDecoration> = {
  reads: { type: 'emphasis' },
  rank: 70,
  wrap: (_decoration, content, context) => ({ type: 'emphasis', children: content(context) }),
  read: (node) => (node.type === 'emphasis' ? { decoration: ['i'], children: node.children } : undefined),
}
