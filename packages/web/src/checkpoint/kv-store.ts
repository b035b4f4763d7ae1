/**
 * Where the checkpoint keeps its cached lists: a small string key-value store. In the browser
 * it is IndexedDB (kept across reloads and offline), with localStorage as the fallback when
 * IndexedDB cannot be opened (some private modes); tests use the in-memory one.
 */

export interface KvStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
}

export function createMemoryKvStore(initial: Iterable<[string, string]> = []): KvStore & {
  readonly entries: Map<string, string>
} {
  const entries = new Map(initial)
  return {
    entries,
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value)
    },
  }
}

const DB_NAME = 'lianfang-checkpoint'
const STORE = 'kv'

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

function openDb(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1)
  request.onupgradeneeded = () => {
    request.result.createObjectStore(STORE)
  }
  return promised(request)
}

function indexedDbStore(db: IDBDatabase): KvStore {
  return {
    async get(key) {
      const value: unknown = await promised(db.transaction(STORE, 'readonly').objectStore(STORE).get(key))
      return typeof value === 'string' ? value : undefined
    },
    async set(key, value) {
      const tx = db.transaction(STORE, 'readwrite')
      tx.objectStore(STORE).put(value, key)
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => {
          resolve()
        }
        tx.onerror = () => {
          reject(tx.error ?? new Error('IndexedDB write failed'))
        }
      })
    },
  }
}

function localStorageStore(prefix: string): KvStore {
  return {
    get: async (key) => window.localStorage.getItem(prefix + key) ?? undefined,
    set: async (key, value) => {
      window.localStorage.setItem(prefix + key, value)
    },
  }
}

let browserStore: Promise<KvStore> | undefined

/** The browser's store (one per page). */
export function browserKvStore(): Promise<KvStore> {
  browserStore ??= openDb().then(indexedDbStore, () => localStorageStore(`${DB_NAME}.`))
  return browserStore
}
