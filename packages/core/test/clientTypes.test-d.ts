// Type tests: checked by `npm run typecheck` (tsc over packages/*/test), not run by vitest.
import { expectTypeOf } from 'vitest'
import type { Observable } from 'rxjs'
import {
  NotionClient,
  PageBlock,
  ToDoBlock,
  type Block,
  type CacheCorruptError,
  type CacheWriteError,
  type CallOptions,
  type CollectionRowBlock,
  type CollectionView,
  type ExecuteCallOptions,
  type NotionError,
} from '../src/index.js'

declare const client: NotionClient

// getPage gives the page class: title$ and children without a cast.
expectTypeOf(client.getPage('id')).resolves.toEqualTypeOf<PageBlock>()
expectTypeOf(client.getPage('id')).resolves.toHaveProperty('title$').toEqualTypeOf<Observable<string>>()

// getBlock: Block by default, the class of `as`, or the class of a known `type`.
expectTypeOf(client.getBlock('id')).resolves.toEqualTypeOf<Block>()
expectTypeOf(client.getBlock('id', { as: ToDoBlock })).resolves.toEqualTypeOf<ToDoBlock>()
expectTypeOf(client.getBlock('id', { as: PageBlock, signal: AbortSignal.timeout(1000) })).resolves.toEqualTypeOf<PageBlock>()
expectTypeOf(client.getBlock('id', { type: 'to_do' })).resolves.toEqualTypeOf<ToDoBlock>()
expectTypeOf(client.getBlock('id', { type: 'page' })).resolves.toEqualTypeOf<PageBlock>()
// @ts-expect-error an unchecked type argument is not accepted: pass `as` or `type`
void client.getBlock<ToDoBlock>('id')
// @ts-expect-error `as` takes a block class
void client.getBlock('id', { as: Date })
// A type the SDK has no class for (Notion adds new ones) is checked too, and typed Block.
expectTypeOf(client.getBlock('id', { type: 'hologram' })).resolves.toEqualTypeOf<Block>()

// errors$ carries the SDK's error family, the cache's failed writes and damage met on a read.
expectTypeOf(client.errors$).toEqualTypeOf<Observable<NotionError | CacheWriteError | CacheCorruptError>>()

// Every async method takes { signal }.
const options: CallOptions = { signal: new AbortController().signal }
expectTypeOf(client.getCollectionView('id', options)).resolves.toEqualTypeOf<CollectionView>()
expectTypeOf(client.search('q', { limit: 5, ...options })).resolves.toEqualTypeOf<Block[]>()
expectTypeOf(client.flush).parameter(0).toEqualTypeOf<CallOptions | undefined>()
declare const view: CollectionView
expectTypeOf(view.collection!.getRows(options)).resolves.toEqualTypeOf<CollectionRowBlock[]>()
expectTypeOf(view.query().execute).parameter(0).toEqualTypeOf<ExecuteCallOptions | undefined>()
expectTypeOf<ExecuteCallOptions>().toMatchTypeOf<CallOptions>()
