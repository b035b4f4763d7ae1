type Strings = Readonly<Record<string, unknown>>

function isSection(value: unknown): value is Strings {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Deep-merges string catalogues in order (sections merge, a later leaf wins), without touching
 * the inputs. Used to compose the console's one `translation` namespace from its modules.
 */
export function mergeStrings(catalogues: readonly Strings[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const catalogue of catalogues) {
    for (const [key, value] of Object.entries(catalogue)) {
      const existing = out[key]
      out[key] = isSection(existing) && isSection(value) ? mergeStrings([existing, value]) : value
    }
  }
  return out
}
