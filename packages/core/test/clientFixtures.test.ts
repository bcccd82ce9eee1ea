import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { normalizeRecordEntry } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { blockClassFor } from '../src/model/blockRegistry.js'
import { CollectionViewBlock } from '../src/databases/databaseBlocks.js'
import { AudioBlock, DriveBlock, FileBlock, PdfBlock } from '../src/records/mediaBlocks.js'
import { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { PageBlock } from '../src/records/pageBlocks.js'
import { valueAtPath } from '../src/records/recordPath.js'
import { EquationBlock, TextBlock } from '../src/records/textBlocks.js'
import { testClient } from './support/testClient.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

const FIXTURES = fileURLToPath(recordedFixtures)

type RecordMap = Record<string, Record<string, unknown>>

function json(path: string): any {
  return JSON.parse(readFileSync(`${FIXTURES}${path}`, 'utf8'))
}

/** Every recorded block value: whole record maps, and bare block values wrapped in one. */
function fixtures(): { name: string; recordMap: RecordMap }[] {
  const maps = ['page.json', 'collection-row-page.json'].map((name) => ({ name, recordMap: json(name).recordMap as RecordMap }))
  const bare = readdirSync(`${FIXTURES}blocks`).map((file) => {
    const value = json(`blocks/${file}`)
    return { name: `blocks/${file}`, recordMap: { block: { [value.id]: { role: 'reader', value } } } }
  })
  return [...maps, ...bare]
}

function recordedBlocks(recordMap: RecordMap): Map<string, Record<string, unknown>> {
  const blocks = new Map<string, Record<string, unknown>>()
  for (const [id, raw] of Object.entries(recordMap['block'] ?? {})) {
    const value = normalizeRecordEntry(raw)?.value
    if (value) blocks.set(id, value)
  }
  return blocks
}

describe.each(['nested', 'flat'] as const)('recorded react-notion-x blocks (%s envelope)', (envelope) => {
  async function imported() {
    const emu = await testEmulator({ envelope })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const recorded = new Map<string, Record<string, unknown>>()
    for (const { name, recordMap } of fixtures()) {
      const summary = emu.importRecordMap(recordMap, { memberUserIds: [ada.id] })
      expect(summary.skipped.filter((skip) => skip.table === 'block'), name).toEqual([])
      for (const [id, value] of recordedBlocks(recordMap)) recorded.set(id, value)
    }
    const { client } = testClient(emu, ada)
    await client.ready
    return { client, recorded }
  }

  it('gives every block the class of its type, with every accessor reading the recorded value', async () => {
    const { client, recorded } = await imported()
    expect(recorded.size).toBeGreaterThanOrEqual(16)
    const seenTypes = new Set<string>()
    for (const [id, value] of recorded) {
      const block = await client.getRecord('block', id)
      const blockClass = blockClassFor(value['type'] as string, value)
      seenTypes.add(String(value['type']))
      expect(block.constructor, `${id} (${String(value['type'])})`).toBe(blockClass)
      expect(block.value).toEqual(value)
      expect(block.version).toBe(value['version'])
      for (const [name, field] of Object.entries(blockClass.fields)) {
        const expected = field.decode(valueAtPath(value, field.path), client)
        expect((block as unknown as Record<string, unknown>)[name], `${String(value['type'])}.${name}`).toEqual(expected)
      }
    }
    expect([...seenTypes].sort()).toEqual(['audio', 'collection_view', 'drive', 'equation', 'file', 'page', 'pdf', 'text'])
  })

  it('reads the recorded values through the typed accessors', async () => {
    const { client } = await imported()
    const get = <T,>(id: string) => client.getRecord('block', id) as Promise<T>

    const root = await get<PageBlock>('067dd719-a912-471e-a9a3-ac10710e7fdf')
    expect(root).toBeInstanceOf(PageBlock)
    expect(root.title).toBe('notion2site minimal test')
    expect(root.cover).toMatch(/^https:\/\/images\.unsplash\.com\/photo-1532386236358/)
    expect(root.parentTable).toBe('space')
    expect((await get<PageBlock>('2fea615a-97a7-401c-81be-486e4eec2e94')).icon).toBe('💠')
    expect(await get('3cd6974c-fe3f-4918-bdbc-1f05e29aa76b')).toBeInstanceOf(TextBlock)

    const database = await get<CollectionViewBlock>('25630754-1583-4e09-b080-787768ecff62')
    expect(database).toBeInstanceOf(CollectionViewBlock)
    expect(database.collectionId).toBe('1a425309-21c0-4ca1-8548-c5915137b566')
    const row = await get<CollectionRowBlock>('139ac7d7-30d5-4b5e-9393-7a282d8ff635')
    expect(row).toBeInstanceOf(CollectionRowBlock)
    expect(row.collectionId).toBe('1a425309-21c0-4ca1-8548-c5915137b566')

    const audio = await get<AudioBlock>('4f2d754d-89a5-44da-a84c-e8753cceb8b2')
    expect(audio).toBeInstanceOf(AudioBlock)
    expect(audio.source).toBe('https://s3-us-west-2.amazonaws.com/secure.notion-static.com/9c998f9f-4808-4e9f-ab35-55b25db0fd3f/example.mp3')
    expect(audio.fileId).toBe('9c998f9f-4808-4e9f-ab35-55b25db0fd3f')
    const file = await get<FileBlock>('d142a056-f104-477c-96d5-2b03fdd8c6e3')
    expect([file.title, file.size, file.fileId]).toEqual(['Aaron_Wang_Design_Resume.pdf', '1605.6KB', 'd325a6d0-28b8-41e0-9285-1259e2dcbbce'])
    expect(file.source).toMatch(/Aaron_Wang_Design_Resume\.pdf$/)
    const pdf = await get<PdfBlock>('c3536a31-d8fe-44c4-a430-b6870822f96d')
    expect(pdf).toBeInstanceOf(PdfBlock)
    expect(pdf.source).toMatch(/The-Growth-Handbook-by-Intercom\.pdf\?X-Amz-Algorithm=/)
    const equation = await get<EquationBlock>('2ce1e02a-e603-457a-9ccc-f291562d890a')
    expect(equation.latex).toMatch(/^\\displaystyle \{1 \+ {2}\\frac\{q\^2\}/)
    const drive = await get<DriveBlock>('8d6d9aa0-7baa-4fdb-9028-ffc5fdaa2224')
    expect(drive).toBeInstanceOf(DriveBlock)
    expect(drive.get('format.drive_properties.title')).toBe('Aaron_Wang_Design_Resume.pdf')
    expect(drive.source).toBe('')
  })
})
