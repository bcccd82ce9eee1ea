import { textOf, type BlockHandler } from '../exportState.js'
import { languageTag } from '../codeLanguage.js'

/** `code`: a fenced code block; the language as a tag (`JavaScript` → `javascript`, `Plain Text` → `plain-text`). */
export const code: BlockHandler = (block, state) => {
  const language = textOf(state, block, 'language')
  return [{ type: 'code', lang: language === '' ? null : languageTag(language), meta: null, value: textOf(state, block, 'title') }]
}
