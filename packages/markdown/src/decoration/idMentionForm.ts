import type { DecorationForm } from './decorationForm.js'
import { stringAttribute } from './directiveArgument.js'
import { mentionContent, mentionDirective } from './mentionDirective.js'

/** The form of a mention whose argument is one id: `:<name>{#<id>}`. */
export function idMentionForm<C extends string>(code: C, name: string, rank: number): DecorationForm<[C, string]> {
  return {
    reads: { directive: name },
    rank,
    wrap: ([, id], content, context) => mentionDirective(name, { id }, content, context),
    read: (node) => {
      if (node.type !== 'textDirective') return undefined
      const id = stringAttribute(node, 'id')
      return id === undefined ? undefined : { decoration: [code, id], children: mentionContent(node) }
    },
  }
}
