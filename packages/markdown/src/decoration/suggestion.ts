import type { SuggestionDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'
import { stringAttribute, textDirective } from './directiveArgument.js'

/** `si` (a suggested edit): `:suggestion[text]{#<id>}`. */
export const suggestion: DecorationForm<SuggestionDecoration> = {
  reads: { directive: 'suggestion' },
  rank: 11,
  wrap: ([, id], content, context) => textDirective('suggestion', { id }, content(context)),
  read: (node) => {
    if (node.type !== 'textDirective') return undefined
    const id = stringAttribute(node, 'id')
    return id === undefined ? undefined : { decoration: ['si', id], children: node.children }
  },
}
