/** React side of the check-in queue: enqueue, and a sync loop (page load, `online`, every 15 s). */
import { useCallback, useEffect, useRef, useState } from 'react'
import { CheckinRoutes, type ScanItem, type ScanOutcome } from '@lianfang/contracts'
import { call } from '../api/call'
import { enqueueScan, syncQueue, type RejectedScan } from './scan-queue'
import { browserScanQueue } from './scan-queue-store'
import { useOnline } from './use-checkpoint-lists'

export const SYNC_INTERVAL_MS = 15_000
/** Answers kept for showing (e.g. the decision of a proxy scan). */
const KEPT_OUTCOMES = 200

/** Sends one batch of the queue (`POST /api/checkins/batch`). */
const sendBatch = (scans: ScanItem[]) => call(CheckinRoutes.batch, { body: { scans } })

export interface ScanQueueState {
  /** Undefined until the queue has been read. */
  readonly pending: number | undefined
  readonly rejected: readonly RejectedScan[]
  readonly syncing: boolean
  /** Why the last sync stopped early, if it did. */
  readonly lastError: unknown
  /** Stores the scan and, online, sends it; resolves with the server's answer when there was one. */
  readonly enqueue: (item: ScanItem) => Promise<ScanOutcome | undefined>
  readonly sync: () => Promise<void>
  readonly clearRejected: () => Promise<void>
}

export function useScanQueue(): ScanQueueState {
  const online = useOnline()
  const [pending, setPending] = useState<number>()
  const [rejected, setRejected] = useState<readonly RejectedScan[]>([])
  const [syncing, setSyncing] = useState(false)
  const [lastError, setLastError] = useState<unknown>()
  const run = useRef<{ current: Promise<void> | undefined; again: boolean }>({
    current: undefined,
    again: false,
  })
  const outcomes = useRef(new Map<string, ScanOutcome>())

  const reload = useCallback(async () => {
    const store = await browserScanQueue()
    setPending((await store.pending()).length)
    setRejected(await store.rejected())
  }, [])

  // One sync at a time; a request during a sync makes it go round once more (new items).
  const sync = useCallback((): Promise<void> => {
    if (run.current.current !== undefined) {
      run.current.again = true
      return run.current.current
    }
    const running = (async () => {
      setSyncing(true)
      try {
        do {
          run.current.again = false
          if (!navigator.onLine) break
          const store = await browserScanQueue()
          const report = await syncQueue(store, sendBatch, Date.now())
          for (const o of report.outcomes) outcomes.current.set(o.clientScanId, o)
          for (const id of [...outcomes.current.keys()].slice(0, -KEPT_OUTCOMES)) outcomes.current.delete(id)
          setLastError(report.error)
          if (report.error !== undefined) break
        } while (run.current.again)
        await reload()
      } finally {
        setSyncing(false)
        run.current.current = undefined
      }
    })()
    run.current.current = running
    return running
  }, [reload])

  const enqueue = useCallback(
    async (item: ScanItem) => {
      const store = await browserScanQueue()
      await enqueueScan(store, item, Date.now())
      await reload()
      if (navigator.onLine) await sync()
      return outcomes.current.get(item.clientScanId)
    },
    [reload, sync],
  )

  const clearRejected = useCallback(async () => {
    await (await browserScanQueue()).clearRejected()
    await reload()
  }, [reload])

  useEffect(() => {
    void reload().then(sync)
    const timer = window.setInterval(() => void sync(), SYNC_INTERVAL_MS)
    return () => {
      window.clearInterval(timer)
    }
  }, [reload, sync])

  useEffect(() => {
    if (online) void sync()
  }, [online, sync])

  return { pending, rejected, syncing, lastError, enqueue, sync, clearRejected }
}
