/**
 * The browser's {@link ScanQueueStore}: an IndexedDB database of its own (the list cache's
 * database keeps its version), with localStorage as the fallback when IndexedDB cannot be
 * opened. Queued scans survive reloads, closed tabs and days offline.
 */
import type { QueuedScan, RejectedScan, ScanQueueStore } from './scan-queue'

const DB_NAME = 'lianfang-checkin-queue'
const PENDING = 'pending'
const REJECTED = 'rejected'

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      resolve(request.result)
    }
    request.onerror = () => {
      reject(request.error ?? new Error('IndexedDB request failed'))
    }
  })
}

function completed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve()
    }
    tx.onerror = () => {
      reject(tx.error ?? new Error('IndexedDB write failed'))
    }
    tx.onabort = () => {
      reject(tx.error ?? new Error('IndexedDB write aborted'))
    }
  })
}

function openDb(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1)
  request.onupgradeneeded = () => {
    request.result.createObjectStore(PENDING, { keyPath: 'clientScanId' })
    request.result.createObjectStore(REJECTED, { keyPath: 'clientScanId' })
  }
  return promised(request)
}

// Only this module writes the stores, so what it reads back has the shape it wrote.
function indexedDbQueue(db: IDBDatabase): ScanQueueStore {
  const all = async <T>(name: string): Promise<T[]> =>
    (await promised(db.transaction(name, 'readonly').objectStore(name).getAll())) as T[]
  return {
    pending: async () => (await all<QueuedScan>(PENDING)).sort((a, b) => a.queuedAt - b.queuedAt),
    async put(scan) {
      const tx = db.transaction(PENDING, 'readwrite')
      tx.objectStore(PENDING).put(scan)
      await completed(tx)
    },
    async remove(ids) {
      const tx = db.transaction(PENDING, 'readwrite')
      for (const id of ids) tx.objectStore(PENDING).delete(id)
      await completed(tx)
    },
    rejected: async () => (await all<RejectedScan>(REJECTED)).sort((a, b) => a.rejectedAt - b.rejectedAt),
    async reject(scans) {
      const tx = db.transaction([PENDING, REJECTED], 'readwrite')
      for (const s of scans) {
        tx.objectStore(PENDING).delete(s.clientScanId)
        tx.objectStore(REJECTED).put(s)
      }
      await completed(tx)
    },
    async clearRejected() {
      const tx = db.transaction(REJECTED, 'readwrite')
      tx.objectStore(REJECTED).clear()
      await completed(tx)
    },
  }
}

function localStorageQueue(): ScanQueueStore {
  const read = <T extends { clientScanId: string }>(key: string): Map<string, T> => {
    try {
      const raw = window.localStorage.getItem(`${DB_NAME}.${key}`)
      return new Map(raw === null ? [] : (JSON.parse(raw) as T[]).map((s) => [s.clientScanId, s]))
    } catch {
      return new Map()
    }
  }
  const write = <T>(key: string, items: Map<string, T>) => {
    window.localStorage.setItem(`${DB_NAME}.${key}`, JSON.stringify([...items.values()]))
  }
  return {
    pending: async () => [...read<QueuedScan>(PENDING).values()].sort((a, b) => a.queuedAt - b.queuedAt),
    put: async (scan) => {
      const items = read<QueuedScan>(PENDING)
      items.set(scan.clientScanId, scan)
      write(PENDING, items)
    },
    remove: async (ids) => {
      const items = read<QueuedScan>(PENDING)
      for (const id of ids) items.delete(id)
      write(PENDING, items)
    },
    rejected: async () =>
      [...read<RejectedScan>(REJECTED).values()].sort((a, b) => a.rejectedAt - b.rejectedAt),
    reject: async (scans) => {
      const pending = read<QueuedScan>(PENDING)
      const refused = read<RejectedScan>(REJECTED)
      for (const s of scans) {
        pending.delete(s.clientScanId)
        refused.set(s.clientScanId, s)
      }
      write(REJECTED, refused)
      write(PENDING, pending)
    },
    clearRejected: async () => {
      write(REJECTED, new Map())
    },
  }
}

let browserQueue: Promise<ScanQueueStore> | undefined

/** The page's queue store. */
export function browserScanQueue(): Promise<ScanQueueStore> {
  browserQueue ??= openDb().then(indexedDbQueue, localStorageQueue)
  return browserQueue
}
