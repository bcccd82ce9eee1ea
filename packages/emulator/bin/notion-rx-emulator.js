#!/usr/bin/env node
// A launcher that exists before the build, so npm links the command at install time; the
// command itself is compiled to dist/ by `npm run build` (which `npm install` runs here).
try {
  await import('../dist/bin.js')
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/bin.js')) throw error
  console.error('This command is not built yet: run `npm run build` in the notion-rx repository.')
  process.exit(1)
}
