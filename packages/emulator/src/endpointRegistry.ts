import type { Endpoint } from './endpoint.js'
import { getBacklinksForBlock } from './endpoints/getBacklinksForBlock.js'
import { getRecordValues } from './endpoints/getRecordValues.js'
import { search } from './endpoints/search.js'
import { searchPagesWithParent } from './endpoints/searchPagesWithParent.js'
import {
  syncRecordValues,
  syncRecordValuesMain,
  syncRecordValuesSpace,
  syncRecordValuesSpaceInitial,
} from './endpoints/syncRecordValues.js'

/** Every `/api/v3` endpoint the emulator answers. Names not listed here get the real 404. */
export const ENDPOINTS: readonly Endpoint[] = [
  getRecordValues,
  syncRecordValues,
  syncRecordValuesMain,
  syncRecordValuesSpace,
  syncRecordValuesSpaceInitial,
  search,
  searchPagesWithParent,
  getBacklinksForBlock,
] as Endpoint[]
