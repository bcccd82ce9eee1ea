import { MENTION_PLACEHOLDER } from '@notion-rx/protocol'
import type { PhrasingContent } from 'mdast'
import type { TextDirective, WrapContext } from './decorationForm.js'
import { textDirective } from './directiveArgument.js'

/**
 * A mention directive (`:user{#id}`): the usual placeholder text `‣` is left out of the label,
 * any other text is the label (`:user[Ada]{#id}`).
 */
export function mentionDirective(
  name: string,
  attributes: Record<string, string>,
  content: (context: WrapContext) => PhrasingContent[],
  context: WrapContext,
): TextDirective {
  const children = content(context)
  const only = children.length === 1 ? children[0] : undefined
  const placeholder = only?.type === 'text' && only.value === MENTION_PLACEHOLDER
  return textDirective(name, attributes, placeholder ? [] : children)
}

/** The content of a mention directive: an empty label stands for the placeholder `‣`. */
export function mentionContent(node: TextDirective): PhrasingContent[] {
  return node.children.length === 0 ? [{ type: 'text', value: MENTION_PLACEHOLDER }] : node.children
}
