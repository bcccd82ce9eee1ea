import { filePostRoute } from '../files/filePostRoute.js'
import { fileRoute } from '../files/fileRoute.js'
import type { Route } from './httpServer.js'

/** Non-API HTTP routes (files: signed GET/PUT, and the POST bucket root). */
export const ROUTES: readonly Route[] = [fileRoute, filePostRoute]
