// Benchmark: a generated 1 MB markdown document -> blocks -> markdown, against remark's own
// parse + stringify of the same document (same dialect) in the same run. Target: ratio <= 2.
// Run: npx tsx packages/markdown/bench/markdown.bench.ts
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { blocksToRecordMap, markdownToPage, pageToMarkdown, recordMapSource, remarkBlocks } from '../src/index.js'

const TARGET_BYTES = 1_000_000

/** A document of every block form, with inline formatting, mentions and colours, repeated to ~1 MB. */
function generate(bytes: number): string {
  const sections: string[] = ['# Benchmark document\n']
  for (let index = 0; sections.join('\n').length < bytes; index += 1) {
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
  }
  return `${sections.join('\n\n')}\n`
}

const remark = unified().use(remarkParse).use(remarkBlocks).use(remarkStringify).freeze()

function ours(markdown: string): string {
  const page = markdownToPage(markdown)
  return pageToMarkdown(recordMapSource(blocksToRecordMap(page.blocks, { title: page.title })), 'page')
}

function theirs(markdown: string): string {
  return remark.stringify(remark.parse(markdown))
}

function time(run: () => unknown, rounds: number): number {
  const samples: number[] = []
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now()
    run()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

const document = generate(TARGET_BYTES)
// Warm up both (JIT), then take the median of interleaved rounds.
ours(document)
theirs(document)
const rounds = Number(process.env['ROUNDS'] ?? 5)
const oursMs = time(() => ours(document), rounds)
const remarkMs = time(() => theirs(document), rounds)
const roundTrip = ours(document)
const blocks = markdownToPage(document).blocks.length
const ratio = oursMs / remarkMs
console.log(`markdown: ${(document.length / 1e6).toFixed(2)} MB document, ${blocks} top-level blocks`)
console.log(`  markdown -> blocks -> markdown   ${oursMs.toFixed(0)} ms (median of ${rounds})`)
console.log(`  remark parse + stringify         ${remarkMs.toFixed(0)} ms (median of ${rounds})`)
console.log(`  ratio ${ratio.toFixed(2)}x (target <= 2x)${ratio <= 2 ? '' : '  ABOVE TARGET'}`)
// The generated source is not in canonical form (table padding); the export of the export is.
console.log(`  stable: exporting the imported export gives the same markdown: ${ours(roundTrip) === roundTrip}`)
