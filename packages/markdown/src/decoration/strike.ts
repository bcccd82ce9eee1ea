import type { StrikeDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'

/** `s`: `~~text~~` (GFM). */
export const strike: DecorationForm<StrikeDecoration> = {
  reads: { type: 'delete' },
  rank: 50,
  wrap: (_decoration, content, context) => ({ type: 'delete', children: content(context) }),
  read: (node) => (node.type === 'delete' ? { decoration: ['s'], children: node.children } : undefined),
}
