import type { LinkMentionDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'
import { decodeArgument, encodeArgument } from './directiveArgument.js'
import { mentionContent, mentionDirective } from './mentionDirective.js'
import { validDecoration } from './validDecoration.js'

/**
 * `lm` (a link preview mention): `:link-mention{href='https://…' title='…' link_provider='…'}`,
 * one attribute per field; the string form of the argument as `{json='"https://…"'}`.
 */
export const linkMention: DecorationForm<LinkMentionDecoration> = {
  reads: { directive: 'link-mention' },
  rank: 85,
  wrap: ([, target], content, context) => mentionDirective('link-mention', encodeArgument(target), content, context),
  read: (node) => {
    if (node.type !== 'textDirective') return undefined
    const argument = decodeArgument(node.attributes)
    const decoration = argument && validDecoration(['lm', argument.value])
    return decoration ? { decoration, children: mentionContent(node) } : undefined
  },
}
