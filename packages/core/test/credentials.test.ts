import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type TransportEvent } from '../src/index.js'
import { createTransport, redactText } from '../src/advanced.js'
import { redactValue } from '../src/transport/redact.js'
import { json, scriptedServer } from './transportTestServer.js'

const TOKEN = 'v02:user_token_or_cookies:Zx9SECRETmaterial_0123456789-abcdefghij'
const MATERIAL = 'Zx9SECRETmaterial_0123456789-abcdefghij'
/** A token the client does not know (someone else's, echoed by a proxy): only the assignment gives it away. */
const FOREIGN = 'v02:user_token_or_cookies:OtherPersonsSecret_9876543210'

/** The forms a server, proxy or browser writes a cookie in. */
function echoes(token: string): string[] {
  const once = encodeURIComponent(`token_v2=${token}`)
  return [
    `token_v2=${token}`,
    once,
    encodeURIComponent(once),
    once.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    `token_v2&#61;${token}`,
    JSON.stringify(`token_v2=${token}`).replace('=', '\\u003d'),
    Buffer.from(token).toString('base64'),
    Buffer.from(token).toString('base64url'),
    encodeURIComponent(token),
  ]
}

function expectClean(text: string): void {
  expect(text).not.toContain(MATERIAL)
  expect(text).not.toContain('OtherPersonsSecret')
  for (const form of [Buffer.from(TOKEN).toString('base64').slice(0, 40), Buffer.from(TOKEN).toString('base64url').slice(0, 40)]) {
    expect(text).not.toContain(form)
  }
}

describe('credentials never reach errors or logs, in any encoding', () => {
  it('redactText blanks the token and token_v2 assignments raw, URL-encoded (once, twice, any case), HTML- and JSON-escaped, base64', () => {
    for (const form of [...echoes(TOKEN)]) expectClean(redactText(`echo: ${form}; trailing`, [TOKEN]))
    // A foreign token is caught by its assignment alone.
    for (const form of echoes(FOREIGN).slice(0, 6)) expectClean(redactText(`echo: ${form}&x=1`, [TOKEN]))
    // What follows the value survives.
    expect(redactText(`a=1; ${encodeURIComponent(`token_v2=${TOKEN}`)}%3B%20b%3D2`, [])).toMatch(/token_v2%3D\[REDACTED\]%3B%20b%3D2$/)
    expect(redactValue({ nested: [{ text: encodeURIComponent(`token_v2=${FOREIGN}`) }] })).toEqual({ nested: [{ text: 'token_v2%3D[REDACTED]' }] })
  })

  it('a server echoing the cookie URL-encoded: clean error message, stack, JSON, inspect and log events', async () => {
    const server = await scriptedServer([
      (request, response) => {
        const cookie = request.headers.cookie ?? ''
        const value = cookie.slice(cookie.indexOf('=') + 1)
        json(400, {
          isNotionError: true,
          errorId: 'e1',
          name: 'ValidationError',
          message: `Rejected ${encodeURIComponent(cookie)}`,
          debugMessage: `cookie ${encodeURIComponent(encodeURIComponent(cookie))} b64 ${Buffer.from(value).toString('base64')} other token_v2%3D${encodeURIComponent(FOREIGN)}`,
          clientData: { echoed: encodeURIComponent(cookie) },
        })(request, response)
      },
    ])
    const events: TransportEvent[] = []
    const transport = createTransport({ baseUrl: server.apiUrl, tokenV2: TOKEN, retry: { maxAttempts: 1 }, logger: (event) => events.push(event) })
    const error = await transport.post('search', {}, z.unknown()).then(
      () => undefined,
      (failure: unknown) => failure,
    )
    expect(error).toBeInstanceOf(Error)
    expect(server.requests[0]?.headers.cookie).toBe(`token_v2=${TOKEN}`)
    const failure = error as Error
    for (const text of [failure.message, failure.stack ?? '', JSON.stringify(failure), inspect(failure, { depth: 20, showHidden: true })]) expectClean(text)
    expect(events.length).toBeGreaterThan(0)
    for (const event of events) expectClean(inspect(event, { depth: 20 }))
  })
})
