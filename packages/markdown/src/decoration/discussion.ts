import type { DiscussionDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'
import { stringAttribute, textDirective } from './directiveArgument.js'

/** `m` (a commented range): `:comment[text]{#<discussion id>}`. */
export const discussion: DecorationForm<DiscussionDecoration> = {
  reads: { directive: 'comment' },
  rank: 10,
  wrap: ([, id], content, context) => textDirective('comment', { id }, content(context)),
  read: (node) => {
    if (node.type !== 'textDirective') return undefined
    const id = stringAttribute(node, 'id')
    return id === undefined ? undefined : { decoration: ['m', id], children: node.children }
  },
}
