import { describe, expect, it } from 'vitest'
import { post, testEmulator } from '../src/testing/testEmulator.js'

/** Every way a token could be written into a body: raw, URL-encoded (once, twice), base64, JSON-escaped. */
function encodings(token: string): string[] {
  return [
    token,
    encodeURIComponent(token),
    encodeURIComponent(encodeURIComponent(token)),
    Buffer.from(token).toString('base64'),
    JSON.stringify(token).slice(1, -1),
    token.split(':').at(-1)!,
  ]
}

function expectNoToken(text: string, token: string): void {
  for (const form of encodings(token)) expect(text).not.toContain(form)
}

describe('tokens never come back in answers', () => {
  it('no error answer repeats the caller\'s token_v2, in any encoding', async () => {
    const emu = await testEmulator({ maxBodyBytes: 4096 })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const unknown = 'v02:user_token_or_cookies:unknown-token-value-0123456789'
    const cases: [string, string, string, Record<string, string>][] = [
      // [endpoint, body, token, extra headers]
      ['syncRecordValuesMain', '{"requests":[]}', unknown, {}],
      ['syncRecordValuesMain', '{"requests":5}', ada.tokenV2, {}],
      ['syncRecordValuesMain', '{not json', ada.tokenV2, {}],
      ['syncRecordValuesMain', JSON.stringify({ requests: [], pad: 'x'.repeat(5000) }), ada.tokenV2, {}],
      ['syncRecordValuesMain', '{"requests":[]}', ada.tokenV2, { 'content-type': 'text/plain' }],
      ['syncRecordValuesMain', '{"requests":[]}', ada.tokenV2, { 'x-notion-active-user-header': 'someone-else' }],
      ['noSuchEndpoint', '{}', ada.tokenV2, {}],
      ['submitTransaction', JSON.stringify({ operations: [{ id: 'x', table: 'nope', path: [], command: 'set', args: {} }] }), ada.tokenV2, {}],
    ]
    for (const [endpoint, body, token, headers] of cases) {
      for (const cookie of [`token_v2=${token}`, `token_v2=${encodeURIComponent(token)}`]) {
        const response = await fetch(`${emu.apiUrl}/${endpoint}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, ...headers },
          body,
        })
        expect(response.status).toBeGreaterThanOrEqual(400)
        expectNoToken(await response.text(), token)
        expectNoToken(JSON.stringify([...response.headers]), token)
      }
    }
    // The message store's refused handshake too.
    const refused = await fetch(`${emu.url}/primus-v8/?EIO=4&transport=polling`, { headers: { cookie: `token_v2=${encodeURIComponent(unknown)}` } })
    expect(refused.status).toBe(401)
    expectNoToken(await refused.text(), unknown)
    // And a normal answer carries no token either.
    const ok = await post(emu, 'loadUserContent', {}, { tokenV2: ada.tokenV2 })
    expect(ok.status).toBe(200)
    expectNoToken(JSON.stringify(ok.body), ada.tokenV2)
  })
})
