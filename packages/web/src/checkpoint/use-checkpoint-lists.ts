/** React side of the list cache: loads, refreshes every few minutes when online, tracks online. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { createWebCryptoBackend, type SignatureBackend } from '@lianfang/core'
import { browserKvStore } from './kv-store'
import { httpListSource, refreshLists, type CachedLists, type ListProblem } from './list-cache'

/** How often the lists are fetched again while online (the status list's ttl is minutes). */
export const REFRESH_INTERVAL_MS = 3 * 60_000

let sharedBackend: SignatureBackend | undefined
/** One WebCrypto backend per page, so imported keys are reused across scans. */
export function checkpointBackend(): SignatureBackend {
  sharedBackend ??= createWebCryptoBackend()
  return sharedBackend
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

/** `navigator.onLine`, live. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  )
}

export interface CheckpointListsState {
  /** Undefined until the first load from storage has finished. */
  readonly lists: CachedLists | undefined
  readonly problems: readonly ListProblem[]
  readonly refreshing: boolean
  readonly refresh: () => Promise<void>
}

export function useCheckpointLists(): CheckpointListsState {
  const online = useOnline()
  const [lists, setLists] = useState<CachedLists>()
  const [problems, setProblems] = useState<readonly ListProblem[]>([])
  const [refreshing, setRefreshing] = useState(false)
  const running = useRef<Promise<void> | undefined>(undefined)

  const refresh = useCallback(() => {
    running.current ??= (async () => {
      setRefreshing(true)
      try {
        const kv = await browserKvStore()
        const out = await refreshLists(kv, httpListSource(), checkpointBackend(), Date.now())
        setLists(out.lists)
        setProblems(out.problems)
      } finally {
        setRefreshing(false)
        running.current = undefined
      }
    })()
    return running.current
  }, [])

  useEffect(() => {
    void refresh()
    // Offline too: reloading re-verifies the cached lists, so an expired trust list stops counting.
    const timer = window.setInterval(() => void refresh(), REFRESH_INTERVAL_MS)
    return () => {
      window.clearInterval(timer)
    }
  }, [refresh])

  useEffect(() => {
    if (online) void refresh()
  }, [online, refresh])

  return { lists, problems, refreshing, refresh }
}
