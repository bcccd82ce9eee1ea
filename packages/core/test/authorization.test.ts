import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { submit, testEmulator } from '@notion-rx/emulator/testing'
import type { PageBlock } from '../src/records/pageBlocks.js'
import { testClient } from './support/testClient.js'

describe('moving a block to another space', () => {
  it('moveTo takes the block and its subtree to the new space, in the store and on the server', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const team = emu.createUser({ email: 'team@example.com' })
    // Ada is an editor of the team's workspace too.
    const space = emu.context.records.get('space', team.spaceId)!
    emu.context.records.put('space', team.spaceId, {
      ...space.value,
      permissions: [...(space.value['permissions'] as unknown[]), { type: 'user_permission', role: 'editor', user_id: ada.id }],
    })
    const home = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!
    const teamHome = (emu.context.records.get('space', team.spaceId)!.value['pages'] as string[])[0]!
    const { client, log } = testClient(emu, ada)
    const page = (await client.getBlock(home)) as PageBlock
    const moved = page.children.addNew('page', { title: 'Moving' })
    const child = moved.children.addNew('text', { title: 'Child' })
    const grandchild = child.children.addNew('text', { title: 'Grandchild' })
    await client.flush()
    // A block the client never loaded: the server moves it along all the same.
    const unseen = randomUUID()
    expect(
      (await submit(emu, ada.tokenV2, [
        { pointer: { table: 'block', id: unseen }, path: [], command: 'set', args: { id: unseen, type: 'text', alive: true, parent_id: grandchild.id, parent_table: 'block' } },
      ])).status,
    ).toBe(200)
    const target = (await client.getBlock(teamHome)) as PageBlock
    expect(moved.spaceId).toBe(ada.spaceId)

    await moved.moveTo(target, 'last-child')
    const ops = log.lastWrite()!
    expect(ops).toContainEqual(expect.objectContaining({ command: 'update', args: expect.objectContaining({ space_id: team.spaceId, parent_id: teamHome }) }))
    for (const block of [moved, child, grandchild]) {
      expect(block.spaceId).toBe(team.spaceId)
      expect(emu.context.records.get('block', block.id)?.spaceId).toBe(team.spaceId)
      expect(emu.context.records.get('block', block.id)?.value['space_id']).toBe(team.spaceId)
    }
    expect(emu.context.records.get('block', unseen)?.spaceId).toBe(team.spaceId)
    // The old parent's list was edited in the old space, the new one's in the new space.
    expect(ops).toContainEqual(expect.objectContaining({ command: 'listRemove', pointer: expect.objectContaining({ id: home, spaceId: ada.spaceId }) }))
    expect(ops).toContainEqual(expect.objectContaining({ command: 'listAfter', pointer: expect.objectContaining({ id: teamHome, spaceId: team.spaceId }) }))
    expect(target.children.ids).toContain(moved.id)
    expect(emu.context.records.get('block', teamHome)!.value['content']).toContain(moved.id)
  })

  it('a move inside one space sends no space_id at all', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const home = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!
    const { client, log } = testClient(emu, ada)
    const page = (await client.getBlock(home)) as PageBlock
    const a = page.children.addNew('text', { title: 'A' })
    const b = page.children.addNew('page', { title: 'B' })
    await client.flush()
    await a.moveTo(b, 'first-child')
    expect(JSON.stringify(log.lastWrite())).not.toContain('space_id')
    expect(emu.context.records.get('block', a.id)?.spaceId).toBe(ada.spaceId)
  })
})
