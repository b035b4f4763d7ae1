import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

const workspaceSrc = (pkg: string) => fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url))

/** Files of public/ that the service worker precaches too (they are not in the bundle). */
const PUBLIC_SHELL = ['/manifest.webmanifest', '/icon.svg']

/**
 * Builds src/pwa/sw.ts to /sw.js with the list of every built file (and a version derived from
 * it) in place of its manifest literal, so each build installs a fresh precache.
 */
function serviceWorker(): Plugin {
  const entry = fileURLToPath(new URL('./src/pwa/sw.ts', import.meta.url))
  return {
    name: 'lianfang-service-worker',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: entry, fileName: 'sw.js' })
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const sw = bundle['sw.js']
        if (sw?.type !== 'chunk') throw new Error('sw.js was not built')
        const built = Object.keys(bundle)
          .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
          .map((f) => `/${f}`)
        const files = [...new Set(['/index.html', ...built, ...PUBLIC_SHELL])].sort()
        const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16)
        const literal = /(["'`])__LIANFANG_PRECACHE_MANIFEST__\1/
        if (!literal.test(sw.code)) throw new Error('sw.js has no manifest literal')
        sw.code = sw.code.replace(literal, JSON.stringify({ version, files }))
      },
    },
  }
}

/** The console: built to dist/ and served by the server at `/`; in dev, /api goes to the server. */
export default defineConfig({
  plugins: [react(), serviceWorker()],
  resolve: {
    alias: {
      '@lianfang/contracts': workspaceSrc('contracts'),
      '@lianfang/core': workspaceSrc('core'),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
})
