import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, normalizeRichText, parseRichText, toMarkdown } from '../src/index.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

const fixtures = recordedFixtures
const files = ['page.json', 'table.json', 'list.json', 'collection-row-page.json']

interface Property {
  readonly name: string
  readonly value: unknown
}

/** Every property value of every block of a recorded record map (titles included). */
function properties(file: string): Property[] {
  const json = JSON.parse(readFileSync(fileURLToPath(new URL(file, fixtures)), 'utf8')) as {
    recordMap: { block: Record<string, { value: Record<string, unknown> }> }
  }
  return Object.entries(json.recordMap.block).flatMap(([id, envelope]) => {
    // Newer record maps nest `{ value: { value, role } }`.
    const value = (envelope.value['value'] ?? envelope.value) as { properties?: Record<string, unknown> }
    return Object.entries(value.properties ?? {}).map(([key, property]) => ({ name: `${id} ${key}`, value: property }))
  })
}

describe.each(files)('rich text of %s', (file) => {
  const all = properties(file)

  it('has properties to check', () => {
    expect(all.length).toBeGreaterThan(0)
  })

  it('round-trips through markdown, every property of every block', () => {
    for (const property of all) {
      const parsed = parseRichText(property.value)
      expect(parsed.success, property.name).toBe(true)
      if (!parsed.success) continue
      const markdown = toMarkdown(parsed.data)
      expect(fromMarkdown(markdown), `${property.name}: ${markdown}`).toEqual(normalizeRichText(parsed.data))
    }
  })
})

describe('recorded mentions', () => {
  it('keep user, page and date mentions', () => {
    const markdown = files
      .flatMap(properties)
      .map((property) => parseRichText(property.value))
      .flatMap((parsed) => (parsed.success ? [toMarkdown(parsed.data)] : []))
      .join('\n')
    expect(markdown).toMatch(/:user\{#[0-9a-f-]{36}\}/)
    expect(markdown).toMatch(/:page\{#[0-9a-f-]{36}\}/)
    expect(markdown).toContain(":date{type='daterange' end_date='2020-07-31' start_date='2010-07-31'}")
  })
})
