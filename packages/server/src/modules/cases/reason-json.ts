import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import type { ContactReason } from '@lianfang/core'
import { ContactRecordReason, MAX_CONTACT_REASONS, type ContactReasonJson } from '@lianfang/contracts'

/**
 * A contact reason as JSON (times as ISO strings). A plain loop: an investigation turns thousands
 * of reasons into JSON, and `Object.fromEntries(Object.entries(…))` took twice as long.
 */
export function reasonJson(r: ContactReason): ContactReasonJson {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(r) as [string, unknown][])
    out[k] = v instanceof Date ? v.toISOString() : v
  // Core's `VenueReason` / `GroupReason` with its dates as ISO strings: the shape of the schema.
  return out as ContactReasonJson
}

const ajv = new Ajv({ strict: false, allErrors: false })
addFormats.default(ajv)
const isReason = ajv.compile<ContactRecordReason>(ContactRecordReason)

/**
 * The reasons stored on a contact or in a 协查 payload, as the API describes them: those that match
 * {@link ContactRecordReason}, at most {@link MAX_CONTACT_REASONS}. Rows written before reasons had a
 * schema may hold anything; what does not match is left out rather than sent on (or failing the
 * response).
 */
export function storedReasons(value: unknown): ContactRecordReason[] {
  if (!Array.isArray(value)) return []
  return (value as unknown[])
    .filter((r): r is ContactRecordReason => isReason(r))
    .slice(0, MAX_CONTACT_REASONS)
}
