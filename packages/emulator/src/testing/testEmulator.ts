import { afterEach } from 'vitest'
import { startEmulator, type Emulator, type EmulatorOptions } from '../index.js'

const running: Emulator[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

/** Starts an emulator on an ephemeral loopback port, closed after the current test. */
export async function testEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ port: 0, db: ':memory:', ...options })
  running.push(emulator)
  return emulator
}

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** POSTs JSON to `/api/v3/<endpoint>` over real HTTP, as the SDK and the web app do. */
export async function post<T = any>(
  emulator: Emulator,
  endpoint: string,
  body: unknown,
  auth: { tokenV2?: string; activeUser?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (auth.tokenV2) headers['cookie'] = `token_v2=${auth.tokenV2}`
  if (auth.activeUser) headers['x-notion-active-user-header'] = auth.activeUser
  const response = await fetch(`${emulator.apiUrl}/${endpoint}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // HTML bodies (404s) stay text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers }
}
