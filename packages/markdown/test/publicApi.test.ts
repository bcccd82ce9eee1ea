import { expect, it } from 'vitest'
import * as markdown from '../src/index.js'

it('exposes the public api', () => {
  expect(Object.keys(markdown).sort()).toEqual([
    'InvalidRichTextError',
    'blocksToRecordMap',
    'fromMarkdown',
    'htmlToBlocks',
    'htmlToPage',
    'markdownToBlocks',
    'markdownToPage',
    'mdastToRichText',
    'normalizeRichText',
    'pageToHtml',
    'pageToMarkdown',
    'pageToMdast',
    'parseRichText',
    'recordMapSource',
    'remarkBlocks',
    'remarkRichText',
    'remarkTitle',
    'richTextToMdast',
    'toMarkdown',
  ])
})
