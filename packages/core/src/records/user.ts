import type { Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import { fieldMap, optionalStringField, readOnlyField, type FieldMap } from './blockField.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'
import { NotionRecord } from './notionRecord.js'
import type { RecordValue } from '../store/snapshot.js'

const USER_FIELDS = {
  /** The user's email address. */
  email: readOnlyField(optionalStringField('email', 'email')),
  /** The user's given (first) name. */
  givenName: readOnlyField(optionalStringField('givenName', 'given_name')),
  /** The user's family (last) name. */
  familyName: readOnlyField(optionalStringField('familyName', 'family_name')),
  /** The URL of the user's photo. */
  profilePhoto: readOnlyField(optionalStringField('profilePhoto', 'profile_photo')),
}

function nameOf(value: RecordValue | undefined): string {
  const name = value?.['name']
  if (typeof name === 'string' && name !== '') return name
  return [value?.['given_name'], value?.['family_name']].filter((part) => typeof part === 'string' && part !== '').join(' ')
}

// The accessors USER_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface User extends FieldAccessors<typeof USER_FIELDS> {}

/** A Notion user (`notion_user`), read-only: `name`, `email`, `givenName`, `familyName`, `profilePhoto`. */
export class User extends NotionRecord {
  /** The user's mapped accessors, by name (all read-only). */
  static readonly fields: FieldMap = fieldMap({}, USER_FIELDS)

  static {
    defineFieldAccessors(this)
  }

  constructor(context: ClientContext, id: string) {
    super(context, 'notion_user', id)
  }

  /** The display name; `givenName familyName` when the record has no `name`. */
  get name(): string {
    return nameOf(this.value)
  }

  get name$(): Observable<string> {
    return this.select(nameOf)
  }

  /** notion-py's `full_name`: `givenName familyName`, trimmed. */
  get fullName(): string {
    return [this.givenName, this.familyName].filter(Boolean).join(' ').trim()
  }
}
