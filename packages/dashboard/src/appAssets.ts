import { readFileSync } from 'node:fs'
import { DashboardError } from './dashboardError.js'

/** The browser app, built by `npm run build` into `assets/` (shipped in the package). */
export interface AppAssets {
  script: Buffer
  style: Buffer
}

export const ASSETS_DIR = new URL('../assets/', import.meta.url)

export function loadAppAssets(): AppAssets {
  try {
    return { script: readFileSync(new URL('app.js', ASSETS_DIR)), style: readFileSync(new URL('app.css', ASSETS_DIR)) }
  } catch {
    throw new DashboardError('assets_missing', 'The dashboard\'s browser app is not built: run `npm run build -w @notion-rx/dashboard` (npm install does it)')
  }
}
