import type { PhrasingContent } from 'mdast'
import type { TextDirective } from './decorationForm.js'

/**
 * Directive attributes for a decoration argument, readable where possible:
 * `{key='value'}` per string field, `{key.json='…'}` per non-string field, and the whole argument
 * as `{json='…'}` when it is not a plain object or a key would not survive as an attribute name.
 */
export function encodeArgument(argument: unknown): Record<string, string> {
  if (!isPlainObject(argument) || !Object.keys(argument).every(isAttributeName)) {
    return { json: JSON.stringify(argument) }
  }
  const attributes: Record<string, string> = {}
  for (const [key, value] of Object.entries(argument)) {
    if (value === undefined) continue
    if (typeof value === 'string') attributes[key] = value
    else attributes[`${key}.json`] = JSON.stringify(value)
  }
  return attributes
}

/** The inverse of `encodeArgument`; undefined when the JSON does not parse. */
export function decodeArgument(attributes: TextDirective['attributes']): { value: unknown } | undefined {
  const entries = Object.entries(attributes ?? {})
  const json = attributes?.['json']
  if (typeof json === 'string') return parseJson(json)
  const object: Record<string, unknown> = {}
  for (const [key, value] of entries) {
    if (typeof value !== 'string') continue
    if (key.endsWith('.json')) {
      const parsed = parseJson(value)
      if (parsed === undefined) return undefined
      object[key.slice(0, -'.json'.length)] = parsed.value
    } else {
      object[key] = value
    }
  }
  return { value: object }
}

/** The string attribute `name`, if present. */
export function stringAttribute(node: TextDirective, name: string): string | undefined {
  const value = node.attributes?.[name]
  return typeof value === 'string' ? value : undefined
}

export function textDirective(name: string, attributes: Record<string, string>, children: PhrasingContent[]): TextDirective {
  return { type: 'textDirective', name, attributes, children }
}

// `class` is split on whitespace by the directive syntax, `json` is reserved above, `__proto__`
// would not become an own key, and names ending in `.json` mark JSON values.
function isAttributeName(key: string): boolean {
  return /^[A-Za-z_][\w-]*$/.test(key) && key !== 'class' && key !== 'json' && key !== '__proto__'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}
