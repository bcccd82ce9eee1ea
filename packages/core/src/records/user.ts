import type { Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import { optionalStringField } from './blockField.js'
import { NotionRecord } from './notionRecord.js'
import type { RecordValue } from '../store/snapshot.js'

const EMAIL = optionalStringField('email', 'email')
const GIVEN_NAME = optionalStringField('givenName', 'given_name')
const FAMILY_NAME = optionalStringField('familyName', 'family_name')
const PROFILE_PHOTO = optionalStringField('profilePhoto', 'profile_photo')

function nameOf(value: RecordValue | undefined): string {
  const name = value?.['name']
  if (typeof name === 'string' && name !== '') return name
  return [value?.['given_name'], value?.['family_name']].filter((part) => typeof part === 'string' && part !== '').join(' ')
}

/** A Notion user (`notion_user`), read-only: `name`, `email`, `givenName`, `familyName`, `profilePhoto`. */
export class User extends NotionRecord {
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

  get email(): string | undefined {
    return this.read(EMAIL)
  }

  get email$(): Observable<string | undefined> {
    return this.observe(EMAIL)
  }

  get givenName(): string | undefined {
    return this.read(GIVEN_NAME)
  }

  get givenName$(): Observable<string | undefined> {
    return this.observe(GIVEN_NAME)
  }

  get familyName(): string | undefined {
    return this.read(FAMILY_NAME)
  }

  get familyName$(): Observable<string | undefined> {
    return this.observe(FAMILY_NAME)
  }

  /** notion-py's `full_name`: `givenName familyName`, trimmed. */
  get fullName(): string {
    return [this.givenName, this.familyName].filter(Boolean).join(' ').trim()
  }

  get profilePhoto(): string | undefined {
    return this.read(PROFILE_PHOTO)
  }

  get profilePhoto$(): Observable<string | undefined> {
    return this.observe(PROFILE_PHOTO)
  }
}
