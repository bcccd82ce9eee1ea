/** An answer (or part of one) already written as JSON text: sendJson sends it as it is. */
export class JsonText {
  readonly text: string

  constructor(text: string) {
    this.text = text
  }
}

/**
 * A JSON object from its fields, in order, as JSON.stringify writes it (undefined fields are left
 * out), except that JsonText fields are spliced in as they are written.
 */
export function jsonObject(fields: Record<string, unknown>): JsonText {
  const parts: string[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    parts.push(`${JSON.stringify(key)}:${value instanceof JsonText ? value.text : JSON.stringify(value)}`)
  }
  return new JsonText(`{${parts.join(',')}}`)
}
