import { richTextSchema } from '@notion-rx/protocol'
import type { RichText } from '@notion-rx/protocol'
import { InvalidRichTextError } from './invalidRichTextError.js'

export type ParseRichTextResult =
  | { readonly success: true; readonly data: RichText }
  | { readonly success: false; readonly error: InvalidRichTextError }

/**
 * Checks a title array from the wire before conversion; never throws. Unknown decoration codes
 * are accepted and kept as they are; anything else malformed is reported with its path.
 * @example
 * const parsed = parseRichText(block.properties?.title)
 * const markdown = parsed.success ? toMarkdown(parsed.data) : undefined
 */
export function parseRichText(value: unknown): ParseRichTextResult {
  const result = richTextSchema.safeParse(value)
  if (result.success) return { success: true, data: value as RichText }
  const issues = result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
  return { success: false, error: new InvalidRichTextError(value, issues, { cause: result.error }) }
}
