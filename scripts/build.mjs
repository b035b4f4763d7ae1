// Builds what changed (#16 "First run"): the TypeScript project references are incremental
// already (tsc -b skips an up-to-date package); the console's Vite bundle is rebuilt only when a
// file it is made from is newer than the bundle. `--force` rebuilds the bundle anyway.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' })

/** The newest modification time under `path` (a file or a folder, node_modules and dist skipped). */
function newest(path) {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let m = 0
  for (const e of readdirSync(path)) {
    if (e === 'node_modules' || e === 'dist') continue
    m = Math.max(m, newest(join(path, e)))
  }
  return m
}

run('npx', ['tsc', '-b', 'packages/cli'])

const bundle = join(root, 'packages/web/dist/index.html')
const inputs = [
  'packages/web/src',
  'packages/web/public',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/contracts/src',
  'packages/core/src',
  'package-lock.json',
].map((p) => join(root, p))
const stale = !existsSync(bundle) || Math.max(...inputs.map(newest)) > statSync(bundle).mtimeMs
if (process.argv.includes('--force') || stale) run('npm', ['run', 'build', '-w', '@lianfang/web'])
else console.log('console bundle is up to date (packages/web/dist): not rebuilt')
