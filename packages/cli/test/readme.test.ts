import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const tsx = createRequire(import.meta.url).resolve('tsx')

/** The TypeScript examples of a markdown file, in order. */
function typescriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)
}

describe('README', () => {
  it('its SDK example runs as written against the embedded emulator', async () => {
    const [example] = typescriptBlocks(readFileSync(join(root, 'README.md'), 'utf8')).filter((block) => block.includes('NotionClient'))
    expect(example).toBeDefined()
    // Inside the repository, so `@notion-rx/*` resolve to the workspace packages.
    const folder = mkdtempSync(join(root, 'packages/cli/test/.readme-'))
    try {
      const file = join(folder, 'example.ts')
      writeFileSync(file, example!)
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, file], { cwd: root, timeout: 30_000 })
      expect(stdout).toMatch(/^\d+ blocks$/m)
      // The live query's first result, then the same minus the row set to Done.
      const counts = [...stdout.matchAll(/^(\d+) in progress$/gm)].map((match) => Number(match[1]))
      expect(counts.length).toBeGreaterThanOrEqual(2)
      expect(counts.at(-1)).toBe(counts[0]! - 1)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 40_000)
})
