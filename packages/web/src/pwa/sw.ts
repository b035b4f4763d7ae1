/**
 * The console's service worker (built to /sw.js by the plugin in vite.config.ts, which puts the
 * build's file list in place of the manifest literal below). It precaches the app shell and
 * every built asset so the checkpoint page opens with no network:
 * - navigations: network first, the cached index.html when offline (SPA fallback);
 * - /assets/* (content-hashed): cache first;
 * - /api/*: never touched — API answers are not cached here (the checkpoint keeps its signed
 *   lists itself, verified, in IndexedDB).
 * Written against minimal local types: the console compiles with the DOM library, not WebWorker.
 */

interface Manifest {
  readonly version: string
  readonly files: readonly string[]
}
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request
  respondWith(response: Promise<Response>): void
}
interface ServiceWorkerScopeLike {
  readonly location: Location
  readonly caches: CacheStorage
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void
}

const MANIFEST = '__LIANFANG_PRECACHE_MANIFEST__' as unknown as Manifest
const scope = self as unknown as ServiceWorkerScopeLike
const PREFIX = 'lianfang-shell-'
const CACHE = `${PREFIX}${MANIFEST.version}`
const SHELL = '/index.html'

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await scope.caches.open(CACHE)
      await cache.addAll(MANIFEST.files.map((url) => new Request(url, { cache: 'reload' })))
      await scope.skipWaiting()
    })(),
  )
})

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await scope.caches.keys())
        if (key.startsWith(PREFIX) && key !== CACHE) await scope.caches.delete(key)
      await scope.clients.claim()
    })(),
  )
})

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await scope.caches.open(CACHE)
  const hit = await cache.match(request)
  if (hit) return hit
  const response = await fetch(request)
  // Not the SPA fallback: a missing asset answered with index.html must not be kept as the asset.
  const html = response.headers.get('content-type')?.startsWith('text/html') ?? false
  if (response.ok && !html) await cache.put(request, response.clone())
  return response
}

async function networkFirstShell(request: Request): Promise<Response> {
  try {
    return await fetch(request)
  } catch (e) {
    const cache = await scope.caches.open(CACHE)
    const shell = await cache.match(SHELL)
    if (shell) return shell
    throw e
  }
}

scope.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== scope.location.origin || url.pathname.startsWith('/api/')) return
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request))
    return
  }
  if (url.pathname.startsWith('/assets/') || MANIFEST.files.includes(url.pathname))
    event.respondWith(cacheFirst(request))
})
