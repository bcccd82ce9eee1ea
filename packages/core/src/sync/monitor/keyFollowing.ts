import type { Observable } from 'rxjs'

/**
 * An announcement on a followed key that names no record (a database's `collection/<id>`):
 * `version` -1 means "may have changed": the key was just registered with no version to catch up
 * from, so changes made before the registration went unannounced.
 */
export interface KeyChange {
  key: string
  version: number
}

/**
 * What a monitor offers the layers above sync/ that follow more than the records they observe
 * (the databases wing follows the `collection/<id>` key of every database whose rows are observed).
 * Records need nothing of it: observing one in the store follows its `versions/<id>:<table>` key.
 */
export interface KeyFollowing {
  /** Keeps a message-store key subscribed until the returned function is called (it may be called twice). */
  follow(key: string): () => void
  /** Announcements on followed keys other than records' (records' land in the store instead). */
  readonly keyChanges$: Observable<KeyChange>
}
