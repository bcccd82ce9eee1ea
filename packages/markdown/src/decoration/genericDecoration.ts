import type { DecorationForm } from './decorationForm.js'
import { decodeArgument, stringAttribute, textDirective } from './directiveArgument.js'
import { validDecoration } from './validDecoration.js'

/**
 * Any decoration as JSON: `:decoration[text]{json='["x","arg"]'}`. Unknown codes use it, and
 * known ones where their own form cannot say it (a link inside a link, `["a", ""]`, an equation
 * on text other than `⁍`, code on an equation).
 */
export const genericDecoration: DecorationForm = {
  reads: { directive: 'decoration' },
  rank: 90,
  wrap: (decoration, content, context) =>
    textDirective('decoration', { json: JSON.stringify(decoration) }, content(context)),
  read: (node) => {
    if (node.type !== 'textDirective') return undefined
    const argument = decodeArgument({ json: stringAttribute(node, 'json') ?? '' })
    const decoration = argument && validDecoration(argument.value)
    return decoration ? { decoration, children: node.children } : undefined
  },
}
