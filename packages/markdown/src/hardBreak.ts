import type { Options } from 'remark-stringify'

type Handle = NonNullable<NonNullable<Options['handlers']>['break']>
type State = Parameters<Handle>[2]
type Unsafe = State['unsafe'][number]

/**
 * A `break` handler that keeps every rich-text newline. The default writes `\` + newline, which
 * markdown does not read as a break at the end of a paragraph or before a closing `**`, and a
 * space where line endings are not allowed (headings, table cells); there the newline is written
 * as the character reference `&#xA;`, which reads back as a newline.
 */
export const hardBreak: Handle = (node, parent, state) => {
  const last = parent !== undefined && parent.children[parent.children.length - 1] === node
  return last || lineEndingForbidden(state) ? '&#xA;' : '\\\n'
}

function lineEndingForbidden(state: State): boolean {
  return state.unsafe.some(
    (pattern) => pattern.character === '\n' && !pattern.before && !pattern.after && inScope(state.stack, pattern),
  )
}

function inScope(stack: State['stack'], pattern: Unsafe): boolean {
  return listInScope(stack, pattern.inConstruct, true) && !listInScope(stack, pattern.notInConstruct, false)
}

function listInScope(stack: State['stack'], list: Unsafe['inConstruct'], none: boolean): boolean {
  const names = typeof list === 'string' ? [list] : list
  if (!names || names.length === 0) return none
  return names.some((name) => stack.includes(name))
}
