import { randomUUID } from 'node:crypto'
import type { Emulator } from '@notion-rx/emulator'

/** The page shapes the page-load benchmark and its profile script load. */
export type PageShape = 'wide' | 'deep'

/**
 * Writes a page of about `size` blocks: wide (toggles holding 100 text blocks each) or deep (10
 * levels of size/10 blocks, each level below the previous level's first block).
 */
export function seedPage(emu: Emulator, spaceId: string, shape: PageShape, size: number): string {
  const { records } = emu.context
  const pageId = randomUUID()
  const put = (id: string, parentId: string, content: string[]) =>
    records.put('block', id, {
      id, version: 1, type: content.length > 0 ? 'toggle' : 'text', alive: true, parent_id: parentId, parent_table: 'block', space_id: spaceId,
      content, properties: { title: [[`Block ${id.slice(0, 6)}`]] },
    })
  const ids = (count: number) => Array.from({ length: Math.max(1, Math.round(count)) }, () => randomUUID())
  records.transaction(() => {
    const top = shape === 'wide' ? ids(size / 101) : ids(size / 10)
    records.put('block', pageId, { id: pageId, version: 1, type: 'page', alive: true, parent_id: spaceId, parent_table: 'space', space_id: spaceId, content: top, properties: { title: [['Bench']] } })
    if (shape === 'wide') {
      for (const toggleId of top) {
        const texts = ids(100)
        put(toggleId, pageId, texts)
        for (const id of texts) put(id, toggleId, [])
      }
      return
    }
    let level = top
    let parentId = pageId
    for (let depth = 0; depth < 10; depth++) {
      const below = depth < 9 ? ids(size / 10) : []
      level.forEach((id, index) => put(id, parentId, index === 0 ? below : []))
      parentId = level[0]!
      level = below
    }
  })
  return pageId
}
