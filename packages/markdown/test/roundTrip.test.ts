import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromMarkdown, normalizeRichText, toMarkdown } from '../src/index.js'
import { richTextArbitrary } from './support/richTextArbitrary.js'

describe('rich text -> markdown -> rich text', () => {
  it('is identical after normalizing, for any valid rich text', () => {
    fc.assert(
      fc.property(richTextArbitrary, (richText) => {
        expect(fromMarkdown(toMarkdown(richText))).toEqual(normalizeRichText(richText))
      }),
      { numRuns: Number(process.env["FC_RUNS"] ?? 1000) },
    )
  })
})
