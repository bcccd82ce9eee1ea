import { describe, expect, it } from 'vitest'
import { InvalidIdError, parseId, toDashedId, toDashlessId } from '@notion-rx/protocol'

const HEX = 'c0d20a71c0944985ae96e661ccc99821'
const DASHED = 'c0d20a71-c094-4985-ae96-e661ccc99821'
const VIEW_HEX = '496cf4147be9833198e6086b6eb81579'
const VIEW = '496cf414-7be9-8331-98e6-086b6eb81579'
const PEEK_HEX = 'e9dcf4147be9836db55101620d5c7b23'
const PEEK = 'e9dcf414-7be9-836d-b551-01620d5c7b23'
const BLOCK_HEX = '182d70ec6f9e4b7b9c1e6a1a2b3c4d5e'
const BLOCK = '182d70ec-6f9e-4b7b-9c1e-6a1a2b3c4d5e'

describe('parseId: ids', () => {
  it.each([
    ['32 hex', HEX],
    ['dashed', DASHED],
    ['uppercase 32 hex', HEX.toUpperCase()],
    ['uppercase dashed', DASHED.toUpperCase()],
    ['surrounding whitespace', `  ${HEX}\n`],
  ])('%s', (_, input) => {
    expect(parseId(input)).toEqual({ id: DASHED })
  })
})

describe('parseId: URLs and paths', () => {
  it.each([
    ['www.notion.so slug', `https://www.notion.so/myorg/Test-${HEX}`],
    ['www.notion.so bare id', `https://www.notion.so/${HEX}`],
    ['notion.so without www', `https://notion.so/My-Page-${HEX}`],
    ['app.notion.com', `https://app.notion.com/p/My-Page-${HEX}`],
    ['app.notion.com bare', `https://app.notion.com/${HEX}`],
    ['*.notion.site', `https://acme.notion.site/Public-Page-${HEX}`],
    ['custom domain', `https://blog.example.com/my-post-${HEX}`],
    ['http', `http://www.notion.so/Test-${HEX}`],
    ['desktop app scheme', `notion://www.notion.so/Test-${HEX}`],
    ['no scheme', `www.notion.so/myorg/Test-${HEX}`],
    ['no scheme, notion.so', `notion.so/Test-${HEX}`],
    ['no scheme, notion.site', `acme.notion.site/Test-${HEX}`],
    ['slug', `My-Page-${HEX}`],
    ['slug with unicode title', `Café-Notes-${HEX}`],
    ['workspace path', `/workspace/My-Page-${HEX}`],
    ['relative workspace path', `workspace/My-Page-${HEX}`],
    ['dashed id in a URL', `https://www.notion.so/${DASHED}`],
    ['slug with dashed id', `https://www.notion.so/My-Page-${DASHED}`],
    ['trailing slash', `https://www.notion.so/myorg/Test-${HEX}/`],
    ['uppercase hex', `https://www.notion.so/Test-${HEX.toUpperCase()}`],
    ['ignored query params', `https://www.notion.so/Test-${HEX}?pvs=4&utm_source=x`],
    ['non-id fragment', `https://www.notion.so/Test-${HEX}#:~:text=hello`],
    ['localhost with port', `http://localhost:3000/Test-${HEX}`],
  ])('%s', (_, input) => {
    expect(parseId(input)).toEqual({ id: DASHED, pageId: DASHED })
  })

  it('reads ?v= as the view id', () => {
    expect(parseId(`https://www.notion.so/myorg/${HEX}?v=${VIEW_HEX}`)).toEqual({
      id: DASHED,
      pageId: DASHED,
      viewId: VIEW,
    })
    expect(parseId(`https://acme.notion.site/${HEX}?v=${VIEW}&pvs=4`).viewId).toBe(VIEW)
  })

  it('a ?p= peek means the peeked page', () => {
    expect(parseId(`https://www.notion.so/myorg/${HEX}?v=${VIEW_HEX}&p=${PEEK_HEX}&pm=s`)).toEqual({
      id: PEEK,
      pageId: DASHED,
      viewId: VIEW,
      peekId: PEEK,
    })
    expect(parseId(`https://app.notion.com/myorg?p=${PEEK_HEX}&pm=c`)).toEqual({ id: PEEK, peekId: PEEK })
    expect(parseId(`https://www.notion.so/?p=${PEEK_HEX}`)).toEqual({ id: PEEK, peekId: PEEK })
  })

  it('a #block anchor means the block (notion-py: the fragment wins)', () => {
    expect(parseId(`https://www.notion.so/myorg/Test-${HEX}#${BLOCK_HEX}`)).toEqual({
      id: BLOCK,
      pageId: DASHED,
      blockId: BLOCK,
    })
    expect(parseId(`My-Page-${HEX}#${BLOCK}`)).toEqual({ id: BLOCK, pageId: DASHED, blockId: BLOCK })
    // In a peeked page, the block is still the most specific.
    expect(parseId(`https://www.notion.so/${HEX}?p=${PEEK_HEX}#${BLOCK_HEX}`).id).toBe(BLOCK)
  })
})

describe('parseId: invalid input', () => {
  it.each([
    '',
    '   ',
    'hello',
    'abc123',
    HEX.slice(1), // 31 hex
    `${HEX}0`, // 33 hex
    `${HEX.slice(0, 31)}g`,
    'c0d20a71-c094-4985-ae96-e661ccc9982', // short last group
    'c0d20a71c094-4985-ae96-e661ccc99821-', // misplaced dashes
    'c0d20a71-c0944985-ae96-e661ccc99821',
    `Title${HEX}`, // no dash before the id
    `https://www.notion.so/`,
    `https://www.notion.so/myorg`,
    `https://www.notion.so/myorg/Just-A-Title`,
    `https://blog.example.com/about`,
    `https://www.notion.so/${HEX}/comments`, // the id is not the last segment
    `ftp://www.notion.so/Test-${HEX}`,
    `mailto:someone@${HEX}.com`,
    `javascript:alert('${HEX}')`,
    `urn:uuid:${DASHED}`,
    `https://www.notion.so/Test-${HEX}?v=not-a-view`,
    `https://www.notion.so/Test-${HEX}?p=123`,
    `https://www.notion.so/Test-${HEX}#not-an-id`.replace(HEX, 'x'),
    'https://',
    'http://[::1',
    '{}',
  ])('%j throws InvalidIdError quoting the input', (input) => {
    let caught: unknown
    try {
      parseId(input)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InvalidIdError)
    const error = caught as InvalidIdError
    expect(error.name).toBe('InvalidIdError')
    expect(error.input).toBe(input)
    expect(error.message).toContain(JSON.stringify(input))
    expect(error.message).toMatch(/32-hex id, a dashed UUID/)
    expect(error.message).toContain('notion.site')
  })

  it('truncates very long inputs in the message but keeps them in `input`', () => {
    const input = 'x'.repeat(10_000)
    try {
      parseId(input)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidIdError)
      expect((error as InvalidIdError).input).toBe(input)
      expect((error as Error).message.length).toBeLessThan(700)
      expect((error as Error).message).toContain('x'.repeat(100))
      expect((error as Error).message).toContain('10000 characters')
    }
  })

  it('rejects non-strings from untyped callers', () => {
    expect(() => parseId(undefined as unknown as string)).toThrow(InvalidIdError)
    expect(() => parseId(42 as unknown as string)).toThrow(InvalidIdError)
  })

  it('isInvalidIdError also recognises a copy by name', () => {
    expect(InvalidIdError.isInvalidIdError(new InvalidIdError('x'))).toBe(true)
    expect(InvalidIdError.isInvalidIdError({ name: 'InvalidIdError' })).toBe(true)
    expect(InvalidIdError.isInvalidIdError(new Error('x'))).toBe(false)
  })
})

describe('toDashedId / toDashlessId', () => {
  it('convert both ways, lowercase, idempotently', () => {
    expect(toDashedId(HEX)).toBe(DASHED)
    expect(toDashedId(HEX.toUpperCase())).toBe(DASHED)
    expect(toDashedId(DASHED)).toBe(DASHED)
    expect(toDashlessId(DASHED)).toBe(HEX)
    expect(toDashlessId(DASHED.toUpperCase())).toBe(HEX)
    expect(toDashlessId(HEX)).toBe(HEX)
    expect(toDashlessId(toDashedId(VIEW_HEX))).toBe(VIEW_HEX)
  })

  it('reject anything but an id, URLs included', () => {
    for (const bad of ['', 'xyz', HEX.slice(2), `https://www.notion.so/${HEX}`, `My-Page-${HEX}`]) {
      expect(() => toDashedId(bad)).toThrow(InvalidIdError)
      expect(() => toDashlessId(bad)).toThrow(InvalidIdError)
    }
  })
})
