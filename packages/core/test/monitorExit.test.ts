import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { workspace } from './monitorSupport.js'

const script = fileURLToPath(new URL('./monitorExitScript.ts', import.meta.url))
const root = fileURLToPath(new URL('../../../', import.meta.url))

function run(env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, timedOut })
    })
  })
}

describe('client.close() with a live monitor', () => {
  it.each(['websocket', 'polling', 'eio3'] as const)('leaves nothing that keeps the process alive (%s)', async (transport) => {
    const ws = await workspace()
    const result = await run(
      { API_URL: ws.emu.apiUrl, TOKEN_A: ws.ada.tokenV2, TOKEN_B: ws.bob.tokenV2, PAGE_ID: ws.pageId, SPACE_ID: ws.spaceId, TRANSPORT: transport },
      30_000,
    )
    expect(result.stderr).toBe('')
    expect(result.timedOut).toBe(false)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('closed')
  }, 40_000)
})
