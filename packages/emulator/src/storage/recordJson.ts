/**
 * The JSON text of stored record values, kept beside the frozen value: a record read from SQLite
 * already is its text, and a value is stringified at most once however many answers carry it, so
 * writing a record map is string concatenation. Weakly held: a text lives as long as its value.
 */
const texts = new WeakMap<object, string>()

/** Notes the text a frozen value was parsed from (or written as). */
export function rememberJson(value: object, text: string): void {
  texts.set(value, text)
}

/** `JSON.stringify(value)`, remembered for frozen values (nobody can change them afterwards). */
export function recordJson(value: object): string {
  const known = texts.get(value)
  if (known !== undefined) return known
  const text = JSON.stringify(value)
  if (Object.isFrozen(value)) texts.set(value, text)
  return text
}
