import type { ColorDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'
import { stringAttribute, textDirective } from './directiveArgument.js'

/** `h`: `:color[text]{value='red'}`, `:color[text]{value='yellow_background'}`. */
export const color: DecorationForm<ColorDecoration> = {
  reads: { directive: 'color' },
  rank: 20,
  wrap: ([, value], content, context) => textDirective('color', { value }, content(context)),
  read: (node) => {
    if (node.type !== 'textDirective') return undefined
    const value = stringAttribute(node, 'value')
    return value === undefined ? undefined : { decoration: ['h', value], children: node.children }
  },
}
