import type { UnderlineDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'
import { textDirective } from './directiveArgument.js'

/** `_`: `:u[text]`. */
export const underline: DecorationForm<UnderlineDecoration> = {
  reads: { directive: 'u' },
  rank: 30,
  wrap: (_decoration, content, context) => textDirective('u', {}, content(context)),
  read: (node) => (node.type === 'textDirective' ? { decoration: ['_'], children: node.children } : undefined),
}
