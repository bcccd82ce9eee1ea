import type { Options } from 'remark-stringify'
import type { TextDirective } from './decoration/decorationForm.js'

type Handle = NonNullable<NonNullable<Options['handlers']>['textDirective']>

/**
 * Writes `:name[label]{attributes}` like mdast-util-directive, except that attribute values
 * never hold unbalanced `[` or `]`: the label of an enclosing directive is found by counting
 * brackets only, so a stray bracket in a nested directive's attribute (a title such as `x]`)
 * would end it early. Such brackets are written as character references, which attribute values
 * decode, and so are line endings (a blank line would end the paragraph).
 */
export const textDirectiveHandler: Handle = Object.assign(
  (node: TextDirective, _parent: unknown, state: Parameters<Handle>[2], info: Parameters<Handle>[3]) => {
    const tracker = state.createTracker(info)
    const exit = state.enter('textDirective')
    let value = tracker.move(`:${node.name}`)
    const attributes = serializeAttributes(node.attributes ?? {})
    if (node.children.length > 0) {
      const exitLabel = state.enter('label')
      const exitLabelType = state.enter('textDirectiveLabel')
      value += tracker.move('[')
      value += tracker.move(state.containerPhrasing(node, { ...tracker.current(), before: value, after: ']' }))
      value += tracker.move(']')
      exitLabelType()
      exitLabel()
    } else if (attributes === '' && /^[\p{L}\p{N}_-]/u.test(info.after)) {
      // `:name` directly followed by a word character would read as a longer name.
      value += tracker.move('[]')
    }
    value += tracker.move(attributes)
    exit()
    return value
  },
  { peek: () => ':' },
)

function serializeAttributes(attributes: Readonly<Record<string, string | null | undefined>>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue
    if (key === 'id' && /^[\w-]+$/.test(value)) parts.unshift(`#${value}`)
    else parts.push(value === '' ? key : `${key}='${encodeValue(value)}'`)
  }
  return parts.length === 0 ? '' : `{${parts.join(' ')}}`
}

function encodeValue(value: string): string {
  // `&` only where it could start a character reference.
  const unsafe = bracketsBalanced(value) ? /&(?=[#A-Za-z])|['\n\r]/g : /&(?=[#A-Za-z])|['[\]\n\r]/g
  return value.replace(unsafe, reference)
}

/** Whether the label scanner of micromark-extension-directive passes over `value` unchanged. */
function bracketsBalanced(value: string): boolean {
  let depth = 0
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index]
    // The scanner skips `\[`, `\]` and `\\`.
    if (character === '\\' && /[[\]\\]/.test(value[index + 1] ?? '')) index += 1
    else if (character === '[' && ++depth > 8) return false
    else if (character === ']' && --depth < 0) return false
  }
  return depth === 0
}

function reference(character: string): string {
  return `&#x${character.codePointAt(0)!.toString(16).toUpperCase()};`
}
