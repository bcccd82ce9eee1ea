import { describe, expect, it } from 'vitest'
import {
  OPERATION_COMMANDS,
  OperationError,
  isPointerOperation,
  isSupportedCommand,
  normalizeOperationPath,
  operationSchema,
  operationTarget,
  parseOperation,
} from '@notion-rx/protocol'
import type { Operation } from '@notion-rx/protocol'

const ID = 'c969c945-5d7c-4dd7-9c7f-860f3ace6429'

describe('operationSchema / parseOperation', () => {
  it('parses the flat form (docs/protocol.md#operation-forms)', () => {
    const raw = { id: ID, table: 'block', path: [], command: 'update', args: { last_edited_time: 1551762900000 } }
    const op = parseOperation(raw)
    expect(op).toEqual(raw)
    expect(isPointerOperation(op)).toBe(false)
    expect(operationTarget(op)).toEqual({ table: 'block', id: ID })
  })

  it('parses the pointer form, with and without spaceId', () => {
    const raw = {
      pointer: { table: 'block', id: ID, spaceId: 'space-1' },
      path: ['properties', 'title'],
      command: 'set',
      args: [['New title']],
    }
    const op = parseOperation(raw)
    expect(op).toEqual(raw)
    expect(isPointerOperation(op)).toBe(true)
    expect(operationTarget(op)).toEqual({ table: 'block', id: ID, spaceId: 'space-1' })
    const noSpace = parseOperation({ ...raw, pointer: { table: 'block', id: ID } })
    expect(operationTarget(noSpace)).toEqual({ table: 'block', id: ID })
    expect('spaceId' in operationTarget(noSpace)).toBe(false)
  })

  it('keeps a flat operation’s own spaceId in the target', () => {
    const op: Operation = { id: ID, table: 'block', spaceId: 's', path: [], command: 'set', args: {} }
    expect(operationTarget(op)).toEqual({ table: 'block', id: ID, spaceId: 's' })
  })

  it('preserves extra fields such as additionalUpdatedPointers', () => {
    const raw = {
      pointer: { table: 'block', id: ID, spaceId: 's', extra: 1 },
      path: [],
      command: 'update',
      args: {},
      additionalUpdatedPointers: [{ table: 'block', id: 'parent', spaceId: 's' }],
      blockPropertyValueExpectedVersions: {},
    }
    expect(parseOperation(raw)).toEqual(raw)
  })

  it('normalizes a dotted string path', () => {
    expect(parseOperation({ id: ID, table: 'block', path: 'format.page_icon', command: 'set', args: 'x' }).path).toEqual([
      'format',
      'page_icon',
    ])
    expect(parseOperation({ id: ID, table: 'block', path: '', command: 'update', args: {} }).path).toEqual([])
    expect(normalizeOperationPath('a.b.c')).toEqual(['a', 'b', 'c'])
    const path = ['file_ids', 0] as const
    expect(normalizeOperationPath(path)).toEqual(['file_ids', 0])
    expect(normalizeOperationPath(path)).not.toBe(path)
  })

  it('accepts any command string (unsupported ones included) and null args', () => {
    const op = parseOperation({ id: ID, table: 'block', path: ['x'], command: 'listReplace', args: null })
    expect(op.command).toBe('listReplace')
    expect(isSupportedCommand(op.command)).toBe(false)
  })

  it('rejects malformed operations with OperationError invalid_operation', () => {
    const bad: unknown[] = [
      null,
      'set',
      [],
      { table: 'block', path: [], command: 'set', args: {} }, // no id
      { id: ID, path: [], command: 'set', args: {} }, // no table
      { id: ID, table: 'block', command: 'set', args: {} }, // no path
      { id: ID, table: 'block', path: [], args: {} }, // no command
      { id: ID, table: 'block', path: [], command: 'set' }, // no args
      { id: ID, table: 'block', path: [{}], command: 'set', args: 1 },
      { id: ID, table: 'block', path: [-1], command: 'set', args: 1 },
      { pointer: { table: 'block' }, path: [], command: 'set', args: {} },
      { pointer: { table: 'block', id: ID, spaceId: 3 }, path: [], command: 'set', args: {} },
    ]
    for (const raw of bad) {
      let caught: unknown
      try {
        parseOperation(raw)
      } catch (error) {
        caught = error
      }
      expect(caught, JSON.stringify(raw)).toBeInstanceOf(OperationError)
      expect((caught as OperationError).code).toBe('invalid_operation')
      expect((caught as OperationError).cause).toBeDefined()
      expect(operationSchema.safeParse(raw).success).toBe(false)
    }
  })

  it('includes the command in the error when known', () => {
    try {
      parseOperation({ id: ID, path: [], command: 'listAfter', args: {} })
      expect.unreachable()
    } catch (error) {
      expect((error as OperationError).command).toBe('listAfter')
      expect((error as OperationError).message).toContain('listAfter')
      expect((error as OperationError).message).toContain('table')
    }
  })
})

describe('commands', () => {
  it('lists every supported command', () => {
    expect([...OPERATION_COMMANDS].sort()).toEqual(
      [
        'keyedObjectListAfter',
        'keyedObjectListBefore',
        'keyedObjectListRemove',
        'keyedObjectListUpdate',
        'listAfter',
        'listBefore',
        'listRemove',
        'set',
        'setParent',
        'setPermissionItem',
        'update',
      ].sort(),
    )
    for (const command of OPERATION_COMMANDS) expect(isSupportedCommand(command)).toBe(true)
    expect(isSupportedCommand('addRelationAfter')).toBe(false)
  })
})
