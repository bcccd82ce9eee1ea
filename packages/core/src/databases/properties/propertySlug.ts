/**
 * The camelCase attribute name of a property name: words are runs of letters and digits (any
 * script), accents are dropped, the first word is lower case and the others capitalized.
 * A slug is its own slug, and notion-py's snake_case slugs map to the same name
 * (`estimated_value` → `estimatedValue`).
 * @example propertySlug('Estimated value') // 'estimatedValue'
 * @example propertySlug("Check Yo'self")   // 'checkYoSelf'
 */
export function propertySlug(name: string): string {
  const words = name
    .normalize('NFKD')
    // Combining marks (accents) and the BOM some exported schemas carry in names.
    .replace(/[\p{M}\uFEFF]/gu, '')
    // camelCase keys are their own slugs: `estimatedValue` splits into `estimated Value`.
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
  return words
    .map((word, index) => {
      const lower = word.toLowerCase()
      return index === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1)
    })
    .join('')
}
