import type { DateMentionDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'
import { decodeArgument, encodeArgument } from './directiveArgument.js'
import { mentionContent, mentionDirective } from './mentionDirective.js'
import { validDecoration } from './validDecoration.js'

/**
 * `d`: `:date{type='date' start_date='2020-07-23'}`: every field of the date object is an
 * attribute (`reminder.json='{"value":30,"unit":"minute"}'` for the non-string ones).
 */
export const dateMention: DecorationForm<DateMentionDecoration> = {
  reads: { directive: 'date' },
  rank: 82,
  wrap: ([, date], content, context) => mentionDirective('date', encodeArgument(date), content, context),
  read: (node) => {
    if (node.type !== 'textDirective') return undefined
    const argument = decodeArgument(node.attributes)
    const decoration = argument && validDecoration(['d', argument.value])
    return decoration ? { decoration, children: mentionContent(node) } : undefined
  },
}
