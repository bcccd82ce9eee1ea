/**
 * Splits a markdown document into runs of whole top-level blocks that parse the same apart as
 * together, so a long document costs linear time: micromark rebuilds its whole event list at
 * every list item and blockquote exit, which makes one parse of a large document grow as N^1.6.
 *
 * A run ends only before a line that, after a blank line, can continue nothing above it: it starts
 * in column 0 with no list marker, outside any fenced code, math block, container directive or
 * HTML block that may hold blank lines. A document with a lone carriage return (a line ending this
 * line scan does not see) is not split. Link reference and footnote definitions act across the
 * whole document: readMarkdown checks for them after parsing the runs. Runs are about
 * `targetBytes` long: small runs keep micromark's per-parse rebuilds short (see docs/markdown.md,
 * "Long documents").
 */
export function topLevelSections(markdown: string, targetBytes = SECTION_BYTES): string[] {
  if (markdown.length <= targetBytes || LONE_CR.test(markdown)) return [markdown]
  const sections: string[] = []
  let start = 0
  let open: Opener | undefined
  let directives: number[] = []
  let previousBlank = false
  let offset = 0
  while (offset < markdown.length) {
    const end = markdown.indexOf('\n', offset)
    const lineEnd = end < 0 ? markdown.length : end
    const line = markdown.slice(offset, lineEnd)
    const blank = BLANK.test(line)
    if (open) {
      if (open.closes(line)) open = undefined
    } else {
      if (previousBlank && !blank && directives.length === 0 && offset - start >= targetBytes && SPLITTABLE.test(line) && !LIST_MARKER.test(line)) {
        sections.push(markdown.slice(start, offset))
        start = offset
      }
      open = opener(line)
      directives = directiveDepth(line, directives)
    }
    previousBlank = blank
    offset = lineEnd + 1
  }
  sections.push(markdown.slice(start))
  return sections
}

/** The default run length, measured on the benchmark's documents (see docs/markdown.md). */
export const SECTION_BYTES = 4_096
/** CommonMark's blank line holds only spaces and tabs (a no-break space is text: a lazy line). */
const BLANK = /^[ \t]*\r?$/
/** `\r` alone ends a line for micromark but not for the `\n` scan. */
const LONE_CR = /\r(?!\n)/
/** Column 0, not blank: anything indented may continue a list item or an indented code block. */
const SPLITTABLE = /^\S/
/** A list item marker: after a blank line it may continue the list above (a loose list). */
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/

interface Opener {
  closes(line: string): boolean
}

const FENCE = /^ {0,3}(`{3,}|~{3,}|\${2,})/
const HTML_BLOCKS: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
]

/** A construct that may hold blank lines and is open after this line, with how it closes. */
function opener(line: string): Opener | undefined {
  const fence = FENCE.exec(line)
  if (fence) {
    const marker = fence[1]!
    const char = marker[0]!
    // The info string of a backtick or dollar fence may not hold its character: then it is text
    // (a code span, inline math), not a fence.
    if (char !== '~' && line.slice(fence[0].length).includes(char)) return undefined
    const close = new RegExp(`^ {0,3}\\${char}{${marker.length},}\\s*$`)
    return { closes: (next) => close.test(next) }
  }
  for (const [start, end] of HTML_BLOCKS) {
    if (!start.test(line)) continue
    // The end condition may be met on the opening line itself.
    if (end.test(line.replace(start, ''))) return undefined
    return { closes: (next) => end.test(next) }
  }
  return undefined
}

/** Container directives (`:::name` … `:::`) nest by colon count; their content may hold blank lines. */
function directiveDepth(line: string, stack: number[]): number[] {
  const match = /^(:{3,})(.*)$/.exec(line)
  if (!match) return stack
  const colons = match[1]!.length
  if (/^[A-Za-z]/.test(match[2]!)) return [...stack, colons]
  if (match[2]!.trim() !== '') return stack
  // Only the innermost container can close, with at least as many colons as it opened with.
  return stack.length > 0 && stack[stack.length - 1]! <= colons ? stack.slice(0, -1) : stack
}
