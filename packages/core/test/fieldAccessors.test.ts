import { describe, expect, it } from 'vitest'
import { BLOCK_CLASSES } from '../src/model/blockRegistry.js'
import { Block } from '../src/records/block.js'
import { booleanField, fieldMap, readOnlyField, stringField, type FieldMap } from '../src/records/blockField.js'
import { defineFieldAccessors } from '../src/records/fieldAccessors.js'
import { Space } from '../src/records/space.js'
import { ToDoBlock } from '../src/records/textBlocks.js'
import { User } from '../src/records/user.js'

/** The accessor `name` as the prototype chain of `proto` has it. */
function descriptorOf(proto: object | null, name: string): PropertyDescriptor | undefined {
  for (let current = proto; current; current = Object.getPrototypeOf(current) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(current, name)
    if (descriptor) return descriptor
  }
  return undefined
}

describe('accessors generated from static fields', () => {
  const classes: { name: string; fields: FieldMap; prototype: object }[] = [...Object.values(BLOCK_CLASSES), Space, User]

  it('gives every declared field of every record class a getter, a setter unless read-only, and an x$ getter', () => {
    let checked = 0
    for (const recordClass of classes) {
      for (const [name, field] of Object.entries(recordClass.fields)) {
        const value = descriptorOf(recordClass.prototype, name)
        const observed = descriptorOf(recordClass.prototype, `${name}$`)
        expect(typeof value?.get, `${recordClass.name}.${name}`).toBe('function')
        expect(typeof value?.set, `${recordClass.name}.${name} setter`).toBe(field.readOnly ? 'undefined' : 'function')
        expect(typeof observed?.get, `${recordClass.name}.${name}$`).toBe('function')
        expect(observed?.set, `${recordClass.name}.${name}$ setter`).toBeUndefined()
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('defines them once, on the class that declares the field, not on instances or subclasses', () => {
    expect(Object.getOwnPropertyDescriptor(ToDoBlock.prototype, 'checked')).toBeDefined()
    expect(Object.getOwnPropertyDescriptor(ToDoBlock.prototype, 'title')).toBeUndefined()
    expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(ToDoBlock.prototype) as object, 'title')).toBeDefined()
    expect(Object.keys(User.fields)).toEqual(['email', 'givenName', 'familyName', 'profilePhoto'])
    expect(descriptorOf(User.prototype, 'email')?.set).toBeUndefined()
    expect(descriptorOf(Space.prototype, 'domain')?.set).toBeUndefined()
    expect(typeof descriptorOf(Space.prototype, 'name')?.set).toBe('function')
  })

  it('refuses a class that declares a field and also writes its accessor by hand', () => {
    const hidden = booleanField('hidden', 'format.hidden')
    expect(() => {
      class HandWritten extends Block {
        static override readonly fields = fieldMap(Block.fields, { hidden })
        get hidden(): boolean {
          return false
        }
      }
      defineFieldAccessors(HandWritten)
    }).toThrow(/hidden is already defined on HandWritten/)
  })

  it('keeps a read-only field read-only and its declaration frozen', () => {
    const label = readOnlyField(stringField('label', 'format.label', ''))
    expect(label.readOnly).toBe(true)
    expect(Object.isFrozen(label)).toBe(true)
    class Labelled extends Block {
      static override readonly fields = fieldMap(Block.fields, { label })
      static {
        defineFieldAccessors(this)
      }
    }
    expect(descriptorOf(Labelled.prototype, 'label')?.set).toBeUndefined()
    expect(typeof descriptorOf(Labelled.prototype, 'label$')?.get).toBe('function')
  })
})
