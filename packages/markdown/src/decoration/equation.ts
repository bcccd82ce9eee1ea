import { EQUATION_PLACEHOLDER } from '@notion-rx/protocol'
import type { EquationDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'

/**
 * `e`: `$latex$` on the placeholder text `⁍` (`$$…$$` when the LaTeX holds a `$`). Other texts
 * and an empty LaTeX string (no math span can hold it), LaTeX with a line ending (markdown turns some
 * into spaces) or with brackets inside a directive label take the generic form.
 */
export const equation: DecorationForm<EquationDecoration> = {
  reads: { type: 'inlineMath' },
  rank: 100,
  leaf: ([, latex], text, context) =>
    text === EQUATION_PLACEHOLDER && latex !== '' && !/[\r\n]/.test(latex) && !(context.inLabel && /[[\]]/.test(latex))
      ? { type: 'inlineMath', value: latex }
      : undefined,
  read: (node) =>
    node.type === 'inlineMath' ? { decoration: ['e', node.value], text: EQUATION_PLACEHOLDER } : undefined,
}
