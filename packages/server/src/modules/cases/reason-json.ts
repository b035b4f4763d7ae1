import type { ContactReason } from '@lianfang/core'

/**
 * A contact reason as JSON (times as ISO strings). A plain loop: an investigation turns thousands
 * of reasons into JSON, and `Object.fromEntries(Object.entries(…))` took twice as long.
 */
export function reasonJson(r: ContactReason): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(r) as [string, unknown][])
    out[k] = v instanceof Date ? v.toISOString() : v
  return out
}
