/** Set-up of the console's component tests (vitest project `web-dom`, happy-dom). */
import { afterEach, vi } from 'vitest'
import { cleanup, configure } from '@testing-library/react'
import { initI18n } from '../i18n'

// antd's responsive helpers ask for media queries; happy-dom answers them, but keep a
// deterministic wide screen if a version does not.
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }),
  })
}

await initI18n()

// antd's first render is slow on a shared two-core machine; wait up to 10 s for async UI.
configure({ asyncUtilTimeout: 10_000 })

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})
