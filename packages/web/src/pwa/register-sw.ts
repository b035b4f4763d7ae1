/// <reference types="vite/client" />
/**
 * Registers the service worker (src/pwa/sw.ts, built to /sw.js) in production builds, so the
 * console — the checkpoint page above all — loads with no network. Service workers need a
 * secure context: HTTPS, or http://localhost.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((e: unknown) => {
      console.warn('service worker not registered', e)
    })
  })
}
