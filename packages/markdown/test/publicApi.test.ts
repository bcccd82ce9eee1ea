import { expect, it } from 'vitest'
import * as markdown from '../src/index.js'

it('exposes the public api', () => {
  expect(Object.keys(markdown).sort()).toEqual([
    'InvalidRichTextError',
    'fromMarkdown',
    'mdastToRichText',
    'normalizeRichText',
    'parseRichText',
    'remarkRichText',
    'remarkTitle',
    'richTextToMdast',
    'toMarkdown',
  ])
})
