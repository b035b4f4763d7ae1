#!/usr/bin/env node
// The `lianfang` command (npx lianfang …): runs the built CLI. A committed shim, so that npm
// links the command at install time, before `npm run build` has made dist/.
import { existsSync } from 'node:fs'

const main = new URL('../dist/main.js', import.meta.url)
if (!existsSync(main)) {
  process.stderr.write('lianfang: the CLI is not built yet; run `npm run build` (or `npm start`) first\n')
  process.exit(1)
}
await import(main.href)
