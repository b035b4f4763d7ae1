import { DENY_TEXT, type EntryDecision, type ErrorCode, type ItemErrorCode } from '@lianfang/core'
import type { ScanOutcome } from '@lianfang/contracts'

/** A scan refused on its own (the batch goes on): its code and message are the item's error. */
export class ItemError extends Error {
  constructor(
    readonly code: ItemErrorCode | ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** The answer to one scan: its decision (when there is one) and what `extra` adds. */
export function outcome(
  clientScanId: string,
  status: ScanOutcome['status'],
  d?: EntryDecision,
  extra: Partial<ScanOutcome> = {},
): ScanOutcome {
  return {
    clientScanId,
    status,
    decision: d?.decision ?? null,
    reason: d?.reason ?? null,
    reasonText: d?.reason ? DENY_TEXT[d.reason] : null,
    colour: d?.colour ?? null,
    maskedName: null,
    resident: null,
    error: null,
    ...extra,
  }
}

/** Runs `fn` over `items`, at most `limit` at a time (a request's share of the database pool). */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
