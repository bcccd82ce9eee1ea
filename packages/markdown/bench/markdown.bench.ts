// Benchmark: markdown -> blocks (and back) against remark on the same document in the same run.
// (a) a generated 1 MB document of every block form: import <= 0.3x remark's parse of it whole
//     (import reads top-level sections apart, so it is linear where one micromark parse is not);
// (b) 1 MB of docs-like prose: import <= 1.2x remark's parse;
// (c) the round trip markdown -> blocks -> markdown against remark parse + stringify (<= 2x).
// Import and parse alternate round by round; medians. ROUNDS=n sets the rounds (default 3),
// ROUND_TRIP=0 skips (c).
// Run: npx tsx packages/markdown/bench/markdown.bench.ts
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { blocksToRecordMap, markdownToPage, pageToMarkdown, recordMapSource, remarkBlocks } from '../src/index.js'
import { topLevelSections } from '../src/topLevelSections.js'

const TARGET_BYTES = 1_000_000

/** A document of every block form, with inline formatting, mentions and colours, repeated to ~1 MB. */
function generate(bytes: number): string {
  const sections: string[] = ['# Benchmark document\n']
  for (let index = 0, length = 0; length < bytes; index += 1) {
    const first = sections.length
    sections.push(
      `## Section ${index}`,
      `Paragraph ${index} with **bold**, *italic*, ~~strike~~, \`code\`, a [link](https://example.com/${index}), :user{#u-${index}} and :color[red text]{value='red'}. More words follow here to make it a realistic length of prose.`,
      `- item one of ${index}\n  - nested item\n- item two\n- [ ] open task\n- [x] done task`,
      `1. first\n2. second\n3. third`,
      `> A quote in section ${index}\n>\n> with a second paragraph`,
      `:::callout{icon="💡"}\nA callout ${index}\n:::`,
      `:::toggle\nToggle ${index}\n\nHidden text\n:::`,
      '```typescript\nconst value = ' + index + '\nconsole.log(value)\n```',
      `$$\nx^${index} + y^2\n$$`,
      `![image ${index}](https://example.com/${index}.png)`,
      `| a | b | c |\n| - | - | - |\n| ${index} | **x** | y |\n| 1 | 2 | 3 |`,
      '---',
    )
    for (const section of sections.slice(first)) length += section.length + 2
  }
  return `${sections.join('\n\n')}\n`
}

/** Docs-like prose: headings, long paragraphs with links and code spans, short lists, a code sample now and then. */
function prose(bytes: number): string {
  const words = 'the client loads every block of a page in few requests and keeps each record in one store'.split(' ')
  const sentence = (seed: number) =>
    Array.from({ length: 14 + (seed % 9) }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(' ')
  const parts: string[] = ['# Guide\n']
  for (let index = 0, length = 0; length < bytes; index += 1) {
    const first = parts.length
    parts.push(`## Topic ${index}`)
    parts.push(`${sentence(index)}, see [the reference](https://example.com/ref/${index}) and \`option${index}\`. ${sentence(index + 1)}. ${sentence(index + 2)}.`)
    parts.push(`${sentence(index + 3)}. ${sentence(index + 4)}.`)
    if (index % 3 === 0) parts.push(`- ${sentence(index)}\n- ${sentence(index + 5)}\n- ${sentence(index + 6)}`)
    if (index % 5 === 0) parts.push('```ts\nconst client = new NotionClient({ tokenV2 })\nawait client.getBlock(id)\n```')
    for (const part of parts.slice(first)) length += part.length + 2
  }
  return `${parts.join('\n\n')}\n`
}

const parser = unified().use(remarkParse).use(remarkBlocks).freeze()

const remark = unified().use(remarkParse).use(remarkBlocks).use(remarkStringify).freeze()

function ours(markdown: string): string {
  const page = markdownToPage(markdown)
  return pageToMarkdown(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page')
}

function theirs(markdown: string): string {
  return remark.stringify(remark.parse(markdown))
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!
}

function time(run: () => unknown): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

/** Medians of `rounds` runs of each, alternating round by round so that load falls on both alike. */
function alternate(first: () => unknown, second: () => unknown, rounds: number): [number, number] {
  const firstSamples: number[] = []
  const secondSamples: number[] = []
  for (let round = 0; round < rounds; round += 1) {
    firstSamples.push(time(first))
    secondSamples.push(time(second))
  }
  return [median(firstSamples), median(secondSamples)]
}

const document = generate(TARGET_BYTES)
const docs = prose(TARGET_BYTES)
const rounds = Number(process.env['ROUNDS'] ?? 3)
for (const [label, text, target] of [
  ['(a) generated, every block form', document, 0.3],
  ['(b) docs-like prose', docs, 1.2],
] as const) {
  markdownToPage(text)
  parser.parse(text)
  const [importMs, parseMs] = alternate(() => markdownToPage(text), () => parser.parse(text), rounds)
  const importRatio = importMs / parseMs
  console.log(`markdown import ${label}: ${(text.length / 1e6).toFixed(2)} MB, ${topLevelSections(text).length} sections`)
  console.log(`  markdownToPage                   ${importMs.toFixed(0)} ms (median of ${rounds})`)
  console.log(`  remark parse of the whole        ${parseMs.toFixed(0)} ms (median of ${rounds})`)
  console.log(`  ratio ${importRatio.toFixed(2)}x (target <= ${target}x)${importRatio <= target ? '' : '  ABOVE TARGET'}`)
}

if (process.env['ROUND_TRIP'] === '0') process.exit(0)
// (c) the round trip. Warm up both (JIT), then take the median of interleaved rounds.
ours(document)
theirs(document)
const [oursMs, remarkMs] = alternate(() => ours(document), () => theirs(document), rounds)
const roundTrip = ours(document)
const blocks = markdownToPage(document).blocks.length
const ratio = oursMs / remarkMs
console.log(`markdown round trip (c): ${(document.length / 1e6).toFixed(2)} MB document, ${blocks} top-level blocks`)
console.log(`  markdown -> blocks -> markdown   ${oursMs.toFixed(0)} ms (median of ${rounds})`)
console.log(`  remark parse + stringify         ${remarkMs.toFixed(0)} ms (median of ${rounds})`)
console.log(`  ratio ${ratio.toFixed(2)}x (target <= 2x)${ratio <= 2 ? '' : '  ABOVE TARGET'}`)
// The generated source is not in canonical form (table padding); the export of the export is.
console.log(`  stable: exporting the imported export gives the same markdown: ${ours(roundTrip) === roundTrip}`)
