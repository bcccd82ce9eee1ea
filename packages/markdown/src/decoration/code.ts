import type { CodeDecoration } from '@notion-rx/protocol'
import type { DecorationForm } from './decorationForm.js'

/**
 * `c`: `` `text` ``. A code span holds text only, so `c` is always the innermost node. Text with a
 * line ending (markdown turns some into spaces) or, inside a directive label, with brackets takes
 * the generic form.
 */
export const code: DecorationForm<CodeDecoration> = {
  reads: { type: 'inlineCode' },
  rank: 100,
  leaf: (_decoration, text, context) =>
    /[\r\n]/.test(text) || (context.inLabel && /[[\]]/.test(text)) ? undefined : { type: 'inlineCode', value: text },
  read: (node) => (node.type === 'inlineCode' ? { decoration: ['c'], text: node.value } : undefined),
}
