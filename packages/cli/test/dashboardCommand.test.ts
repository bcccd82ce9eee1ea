import { startEmulator } from '@notion-rx/emulator'
import { describe, expect, it } from 'vitest'
import { dashboardCommand } from '../src/dashboardCommand.js'

describe('notion-rx dashboard <url>', () => {
  it('prints an address with the access token that serves the page, warns when exposed, and stops on the signal', async () => {
    const emulator = await startEmulator({ seed: 'demo', port: 0, db: ':memory:' })
    const controller = new AbortController()
    const lines: string[] = []
    let printed!: () => void
    const ready = new Promise<void>((resolve) => (printed = resolve))
    try {
      const running = dashboardCommand({
        url: emulator.demo!.tasksBlockId,
        tokenV2: emulator.demo!.ownerToken,
        apiUrl: emulator.apiUrl,
        host: '0.0.0.0',
        view: 'By status',
        readOnly: true,
        signal: controller.signal,
        print: (line) => {
          lines.push(line)
          if (line.startsWith('Dashboard')) printed()
        },
      })
      await ready
      expect(lines[0]).toMatch(/^WARNING: the dashboard listens on 0\.0\.0\.0: anyone who can reach it and has the address below can read this page as you/)
      const url = /^Dashboard \(read-only\): (http:\/\/0\.0\.0\.0:\d+\/\?token=[\w-]{32})$/.exec(lines[1]!)?.[1]
      expect(url).toBeDefined()
      const local = url!.replace('0.0.0.0', '127.0.0.1')
      const redirect = await fetch(local, { redirect: 'manual' })
      expect(redirect.status).toBe(303)
      const page = await fetch(new URL('/', local), { headers: { cookie: String(redirect.headers.get('set-cookie')).split(';')[0]! } })
      expect(await page.text()).toContain('"readOnly":true')
      expect((await fetch(new URL('/', local))).status).toBe(403)
      controller.abort()
      await running
    } finally {
      await emulator.close()
    }
  })
})
