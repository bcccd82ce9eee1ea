import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

/** Debian's chromium (`apt-get install chromium`); never a downloaded browser. */
export const CHROMIUM_PATH = process.env['NOTION_RX_CHROMIUM'] ?? '/usr/bin/chromium'

/** Set to 1 to run without a browser: the browser tests then pass without checking anything, and say so loudly. */
export const SKIP_BROWSER = process.env['NOTION_RX_SKIP_BROWSER'] === '1'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface LaunchedChromium {
  context: BrowserContext
  close(): Promise<void>
}

/**
 * Starts the system's Chromium with a fresh profile. A missing browser is an error (the browser
 * tests must not pass silently), unless NOTION_RX_SKIP_BROWSER=1 says to skip them: then undefined.
 */
export async function launchChromium(): Promise<LaunchedChromium | undefined> {
  if (!existsSync(CHROMIUM_PATH)) {
    if (SKIP_BROWSER) {
      console.warn(`\n!!! NOTION_RX_SKIP_BROWSER=1: ${CHROMIUM_PATH} is missing, the dashboard's browser tests are NOT RUN !!!\n`)
      return undefined
    }
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it (apt-get install -y chromium), point NOTION_RX_CHROMIUM at one, or set NOTION_RX_SKIP_BROWSER=1 to skip the browser tests`)
  }
  const profile = mkdtempSync(join(tmpdir(), 'notion-rx-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
