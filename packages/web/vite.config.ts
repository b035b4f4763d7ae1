import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const workspaceSrc = (pkg: string) => fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url))

/** The console: built to dist/ and served by the server at `/`; in dev, /api goes to the server. */
export default defineConfig({
  plugins: [react()],
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
