/**
 * The checkpoint's check-in queue (docs/entry-exit.md, offline queue). Every scan becomes a
 * {@link ScanItem} with its own client-generated UUID and is stored before anything is sent;
 * a sync sends the stored items in batches and forgets an item only when the server answered
 * `accepted` or `duplicate` for it. Items the server `rejected` move to a separate list for the
 * operator; items without an answer (network down, server error, session gone) stay queued and
 * are sent again later — with the same `clientScanId`, so a replay is counted once.
 */
import type { ScanBatchResult, ScanItem, ScanOutcome, Seat } from '@lianfang/contracts'
import type { IdType } from '@lianfang/core'
import { isApiError } from '../api/client'

/** The server takes up to 500 scans a request; smaller batches answer sooner on a slow link. */
export const BATCH_SIZE = 100

export type Direction = ScanItem['direction']

export interface QueuedScan {
  readonly clientScanId: string
  readonly item: ScanItem
  /** When it was queued (ms): the order items are sent in. */
  readonly queuedAt: number
}

export interface RejectedScan {
  readonly clientScanId: string
  readonly item: ScanItem
  readonly rejectedAt: number
  /** The server's error code (e.g. `VALIDATION_FAILED`), when it gave one. */
  readonly code: string | null
  /** Why, as the server said it. */
  readonly message: string
  readonly outcome: ScanOutcome | null
}

/** Where the queue lives: IndexedDB in the browser, memory in tests. */
export interface ScanQueueStore {
  /** Queued items, oldest first. */
  pending(): Promise<QueuedScan[]>
  put(scan: QueuedScan): Promise<void>
  remove(clientScanIds: readonly string[]): Promise<void>
  rejected(): Promise<RejectedScan[]>
  /** Moves items from the queue to the rejected list. */
  reject(scans: readonly RejectedScan[]): Promise<void>
  clearRejected(): Promise<void>
}

export function createMemoryScanQueueStore(): ScanQueueStore & {
  readonly queued: Map<string, QueuedScan>
  readonly refused: Map<string, RejectedScan>
} {
  const queued = new Map<string, QueuedScan>()
  const refused = new Map<string, RejectedScan>()
  return {
    queued,
    refused,
    pending: async () => [...queued.values()].sort((a, b) => a.queuedAt - b.queuedAt),
    put: async (scan) => {
      queued.set(scan.clientScanId, scan)
    },
    remove: async (ids) => {
      for (const id of ids) queued.delete(id)
    },
    rejected: async () => [...refused.values()].sort((a, b) => a.rejectedAt - b.rejectedAt),
    reject: async (scans) => {
      for (const s of scans) {
        queued.delete(s.clientScanId)
        refused.set(s.clientScanId, s)
      }
    },
    clearRejected: async () => {
      refused.clear()
    },
  }
}

/** A scan of a presented code; `seat` for a passenger of a flight, train or bus (checked before). */
export function gateScanItem(args: {
  clientScanId: string
  venueId: string
  direction: Direction
  code: string
  seat?: Seat | undefined
  nowMs: number
}): ScanItem {
  const item: ScanItem = {
    clientScanId: args.clientScanId,
    venueId: args.venueId,
    method: 'gate_scan',
    direction: args.direction,
    scannedAt: new Date(args.nowMs).toISOString(),
    code: args.code,
  }
  if (args.seat !== undefined) item.seat = { ...args.seat }
  return item
}

export interface ProxyPerson {
  readonly idType: IdType
  readonly idNumber: string
}

/** A scan recorded from an ID document (a person without a phone), with their seat if any. */
export function proxyScanItem(args: {
  clientScanId: string
  venueId: string
  direction: Direction
  person: ProxyPerson
  companion?: ProxyPerson | undefined
  seat?: Seat | undefined
  nowMs: number
}): ScanItem {
  const item: ScanItem = {
    clientScanId: args.clientScanId,
    venueId: args.venueId,
    method: 'proxy',
    direction: args.direction,
    scannedAt: new Date(args.nowMs).toISOString(),
    idType: args.person.idType,
    idNumber: args.person.idNumber.trim(),
  }
  if (args.companion !== undefined && args.companion.idNumber.trim() !== '') {
    item.companionIdType = args.companion.idType
    item.companionIdNumber = args.companion.idNumber.trim()
  }
  if (args.seat !== undefined) item.seat = { ...args.seat }
  return item
}

/** Stores a scan; it is sent by the next sync. */
export async function enqueueScan(store: ScanQueueStore, item: ScanItem, nowMs: number): Promise<QueuedScan> {
  const scan = { clientScanId: item.clientScanId, item, queuedAt: nowMs }
  await store.put(scan)
  return scan
}

export type SendBatch = (scans: ScanItem[]) => Promise<ScanBatchResult>

export interface SyncReport {
  /** Items the server answered `accepted` (recorded now). */
  readonly accepted: number
  /** Items it had already recorded (a replay): forgotten too. */
  readonly duplicates: number
  readonly rejected: number
  /** Every answer received, for showing decisions (e.g. of proxy scans). */
  readonly outcomes: readonly ScanOutcome[]
  /** Still queued after this sync. */
  readonly remaining: number
  /** Why the sync stopped early (network, server, session); the items stay queued. */
  readonly error: unknown
}

/** The whole request was refused as malformed: worth sending its items one by one. */
function requestRefused(e: unknown): e is { status: number; code: string; message: string } {
  return isApiError(e) && (e.status === 400 || e.status === 413 || e.status === 422)
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function outcomeMessage(o: ScanOutcome): string {
  return o.error?.message ?? o.reasonText?.en ?? o.reason ?? 'rejected'
}

/**
 * Sends the queue in batches of at most `batchSize`. Per item: `accepted` / `duplicate` →
 * removed; `rejected` → moved to the rejected list; no answer → kept. A batch the server
 * refuses as a whole (400) is retried item by item, so one malformed item cannot block the
 * queue; a network or server failure stops the sync with everything unsent still queued.
 */
export async function syncQueue(
  store: ScanQueueStore,
  send: SendBatch,
  nowMs: number,
  batchSize = BATCH_SIZE,
): Promise<SyncReport> {
  let accepted = 0
  let duplicates = 0
  let rejected = 0
  const outcomes: ScanOutcome[] = []
  let error: unknown = undefined

  const apply = async (batch: readonly QueuedScan[], result: ScanBatchResult) => {
    const byId = new Map(result.outcomes.map((o) => [o.clientScanId, o]))
    const done: string[] = []
    const refused: RejectedScan[] = []
    for (const scan of batch) {
      const o = byId.get(scan.clientScanId)
      if (o === undefined) continue
      outcomes.push(o)
      if (o.status === 'accepted') {
        accepted++
        done.push(scan.clientScanId)
      } else if (o.status === 'duplicate') {
        duplicates++
        done.push(scan.clientScanId)
      } else {
        rejected++
        refused.push({
          clientScanId: scan.clientScanId,
          item: scan.item,
          rejectedAt: nowMs,
          code: o.error?.code ?? null,
          message: outcomeMessage(o),
          outcome: o,
        })
      }
    }
    if (done.length > 0) await store.remove(done)
    if (refused.length > 0) await store.reject(refused)
  }

  outer: for (const batch of chunks(await store.pending(), batchSize)) {
    try {
      await apply(batch, await send(batch.map((s) => s.item)))
    } catch (e) {
      if (!requestRefused(e)) {
        error = e
        break
      }
      for (const scan of batch) {
        try {
          await apply([scan], await send([scan.item]))
        } catch (single) {
          if (!requestRefused(single)) {
            error = single
            break outer
          }
          rejected++
          await store.reject([
            {
              clientScanId: scan.clientScanId,
              item: scan.item,
              rejectedAt: nowMs,
              code: single.code,
              message: single.message,
              outcome: null,
            },
          ])
        }
      }
    }
  }
  const remaining = (await store.pending()).length
  return { accepted, duplicates, rejected, outcomes, remaining, error }
}

/** A fresh UUID v4 for a scan; `crypto.randomUUID` needs a secure context, so not only that. */
export function newScanId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
