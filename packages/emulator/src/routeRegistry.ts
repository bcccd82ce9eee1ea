import { fileRoute } from './fileRoute.js'
import type { Route } from './httpServer.js'

/** Non-API HTTP routes (files). */
export const ROUTES: readonly Route[] = [fileRoute]
