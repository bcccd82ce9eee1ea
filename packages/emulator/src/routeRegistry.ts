import { filePostRoute } from './filePostRoute.js'
import { fileRoute } from './fileRoute.js'
import type { Route } from './httpServer.js'

/** Non-API HTTP routes (files: signed GET/PUT, and the POST bucket root). */
export const ROUTES: readonly Route[] = [fileRoute, filePostRoute]
