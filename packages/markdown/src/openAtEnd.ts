import type { Root } from 'mdast'

const FENCE = /^ {0,3}(`{3,}|~{3,}|\${2,})/
const CONTAINER = /^ {0,3}(:{3,})/
const HTML_ENDS: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
]

/**
 * Whether the last top-level block of a parsed section is a construct left open by the end of the
 * section (a fenced code or math block without its closing fence, a container directive without
 * its `:::`, an HTML comment or `<pre>` without its end): in the whole document it would run on
 * into what follows, so the section must be read together with the next one. Two checks, either
 * suffices: an unclosed construct takes in the section's trailing blank lines (a closed one ends
 * with its last line), and its first line opens what its last line does not close.
 */
export function openAtEnd(tree: Root, markdown: string): boolean {
  const last = tree.children.at(-1)
  const start = last?.position?.start.offset
  const end = last?.position?.end.offset
  if (!last || start === undefined || end === undefined) return false
  const contentEnd = endBeforeBlankLines(markdown)
  if (end > contentEnd) return true
  if (end < contentEnd) return false
  const lines = markdown.slice(start, end).split('\n')
  const first = lines[0] ?? ''
  const final = lines.length > 1 ? lines[lines.length - 1]! : ''
  if (last.type === 'code' || last.type === 'math') {
    const fence = FENCE.exec(first)
    if (!fence) return false
    const marker = fence[1]!
    return !new RegExp(`^ {0,3}\\${marker[0]}{${marker.length},}\\s*$`).test(final)
  }
  if (last.type === 'containerDirective') {
    const colons = CONTAINER.exec(first)?.[1]?.length ?? 3
    return !new RegExp(`^ {0,3}:{${colons},}\\s*$`).test(final)
  }
  if (last.type === 'html') {
    const kind = HTML_ENDS.find(([opens]) => opens.test(first))
    if (!kind) return false
    return !kind[1].test(lines.length > 1 ? final : first.replace(kind[0], ''))
  }
  return false
}

/** The end of the section's last line that is not blank (before its line ending). */
function endBeforeBlankLines(markdown: string): number {
  let end = markdown.length
  while (end > 0 && ' \t\r\n'.includes(markdown[end - 1]!)) end -= 1
  while (end < markdown.length && markdown[end] !== '\n' && markdown[end] !== '\r') end += 1
  return end
}
