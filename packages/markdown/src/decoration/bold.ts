import type { BoldDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'

/** `b`: `**text**`. */
export const bold: DecorationForm<BoldDecoration> = {
  reads: { type: 'strong' },
  rank: 60,
  wrap: (_decoration, content, context) => ({ type: 'strong', children: content(context) }),
  read: (node) => (node.type === 'strong' ? { decoration: ['b'], children: node.children } : undefined),
}
