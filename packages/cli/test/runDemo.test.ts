import { describe, expect, it } from 'vitest'
import { runDemo } from '../src/runDemo.js'

describe('the live demo (npm start)', () => {
  it('shows the teammate\'s edits as they happen, through live updates, and then stops cleanly', async () => {
    const lines: string[] = []
    await runDemo({ print: (line) => lines.push(line), durationMs: 6000, editEveryMs: [150, 250] })
    const edits = lines.filter((line) => line.includes('Grace Hopper'))
    // Every kind of edit the teammate makes reached the watcher.
    expect(edits.some((line) => /to_do ".+"  checked: [☐☑] → [☐☑]/.test(line))).toBe(true)
    expect(edits.some((line) => /row ".+"  Status: ".+" → ".+"/.test(line))).toBe(true)
    expect(edits.some((line) => /page "Meeting notes"  added bulleted_list "Note taken at/.test(line))).toBe(true)
    expect(edits.some((line) => /row ".+"  title: ".+" → ".+ \(v\d+\)"/.test(line))).toBe(true)
    expect(lines).toContain('[connection: live]')
    expect(lines.some((line) => /^Dashboard \(live, editable\) in your browser: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/.test(line))).toBe(true)
    expect(lines.join('\n')).not.toMatch(/v02:user_token_or_cookies/)
  }, 30_000)
})
