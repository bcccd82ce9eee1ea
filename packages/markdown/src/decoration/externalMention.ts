import type { ExternalMentionDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'
import { decodeArgument, stringAttribute } from './directiveArgument.js'
import { mentionContent, mentionDirective } from './mentionDirective.js'
import { validDecoration } from './validDecoration.js'

/**
 * `‣` (a mention of a record possibly in another workspace, `[kind, id]`):
 * `:external-mention{#<id> kind='u'}`; a longer tuple as `{json='["u","<id>",…]'}`.
 */
export const externalMention: DecorationForm<ExternalMentionDecoration> = {
  reads: { directive: 'external-mention' },
  rank: 83,
  wrap: ([, target], content, context) => {
    const attributes =
      target.length === 2 ? { id: target[1], kind: target[0] } : { json: JSON.stringify(target) }
    return mentionDirective('external-mention', attributes, content, context)
  },
  read: (node) => {
    if (node.type !== 'textDirective') return undefined
    const kind = stringAttribute(node, 'kind')
    const id = stringAttribute(node, 'id')
    const target =
      kind !== undefined && id !== undefined ? { value: [kind, id] } : decodeArgument({ json: stringAttribute(node, 'json') ?? '' })
    const decoration = target && validDecoration(['‣', target.value])
    return decoration ? { decoration, children: mentionContent(node) } : undefined
  },
}
