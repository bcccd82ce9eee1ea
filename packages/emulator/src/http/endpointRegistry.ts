import type { Endpoint } from './endpoint.js'
import { createEmailUser } from '../endpoints/createEmailUser.js'
import { findUser } from '../endpoints/findUser.js'
import { getPublicPageData } from '../endpoints/getPublicPageData.js'
import { getSpaces } from '../endpoints/getSpaces.js'
import { loadCachedPageChunk } from '../endpoints/loadCachedPageChunk.js'
import { loadCachedPageChunkV2 } from '../endpoints/loadCachedPageChunkV2.js'
import { loadPageChunk } from '../endpoints/loadPageChunk.js'
import { loadUserContent } from '../endpoints/loadUserContent.js'
import { deleteBlocks } from '../endpoints/deleteBlocks.js'
import { enqueueTask } from '../endpoints/enqueueTask.js'
import { getTasks } from '../endpoints/getTasks.js'
import { getBacklinksForBlock } from '../endpoints/getBacklinksForBlock.js'
import { getRecordValues } from '../endpoints/getRecordValues.js'
import { getSignedFileUrls } from '../endpoints/getSignedFileUrls.js'
import { getUploadFileUrl, getUploadGenericFileUrl, getUploadSpaceFileUrl } from '../endpoints/getUploadFileUrl.js'
import { queryCollection } from '../endpoints/queryCollection.js'
import { search } from '../endpoints/search.js'
import { searchPagesWithParent } from '../endpoints/searchPagesWithParent.js'
import { saveTransactions, saveTransactionsFanout, saveTransactionsMain } from '../endpoints/saveTransactions.js'
import { submitTransaction } from '../endpoints/submitTransaction.js'
import {
  syncRecordValues,
  syncRecordValuesMain,
  syncRecordValuesSpace,
  syncRecordValuesSpaceInitial,
} from '../endpoints/syncRecordValues.js'

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
  loadPageChunk,
  loadCachedPageChunk,
  loadCachedPageChunkV2,
  loadUserContent,
  getSpaces,
  getPublicPageData,
  findUser,
  createEmailUser,
  getUploadFileUrl,
  getUploadGenericFileUrl,
  getUploadSpaceFileUrl,
  getSignedFileUrls,
  submitTransaction,
  saveTransactions,
  saveTransactionsFanout,
  saveTransactionsMain,
  deleteBlocks,
  queryCollection,
  enqueueTask,
  getTasks,
] as Endpoint[]
