import { describe, expect, it } from 'vitest'
import { postersPdfUrl, posterPdfUrl } from './poster-links'

describe('poster PDF links', () => {
  it('point at the one-venue and the several-venue endpoints', () => {
    expect(posterPdfUrl('42')).toBe('/api/venues/42/poster.pdf')
    expect(postersPdfUrl(['7', '42', '7'])).toBe('/api/venues/posters.pdf?ids=7,42')
  })
})
