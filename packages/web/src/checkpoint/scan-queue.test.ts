import { describe, expect, it } from 'vitest'
import type { ScanBatchResult, ScanItem, ScanOutcome } from '@lianfang/contracts'
import { ApiError } from '../api/client'
import {
  createMemoryScanQueueStore,
  enqueueScan,
  gateScanItem,
  newScanId,
  proxyScanItem,
  syncQueue,
  type SendBatch,
} from './scan-queue'

const T0 = Date.UTC(2026, 10, 28, 8, 0)

function outcome(clientScanId: string, status: ScanOutcome['status']): ScanOutcome {
  return {
    clientScanId,
    status,
    decision: status === 'rejected' ? null : 'allow',
    reason: null,
    reasonText: null,
    colour: status === 'rejected' ? null : 'green',
    maskedName: null,
    resident: null,
    error: status === 'rejected' ? { code: 'FORGED', message: 'bad signature' } : null,
  }
}

/** A fake server: records what it was sent, answers accepted once per id, duplicate after. */
function fakeServer(reject: (item: ScanItem) => boolean = () => false) {
  const recorded = new Set<string>()
  const calls: ScanItem[][] = []
  const send: SendBatch = async (scans) => {
    calls.push(scans)
    const outcomes = scans.map((s) => {
      if (reject(s)) return outcome(s.clientScanId, 'rejected')
      if (recorded.has(s.clientScanId)) return outcome(s.clientScanId, 'duplicate')
      recorded.add(s.clientScanId)
      return outcome(s.clientScanId, 'accepted')
    })
    const count = (st: ScanOutcome['status']) => outcomes.filter((o) => o.status === st).length
    const result: ScanBatchResult = {
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      outcomes,
    }
    return result
  }
  return { send, recorded, calls }
}

function scan(i: number, code = `LF1:CODE${i}`): ScanItem {
  return gateScanItem({ clientScanId: newScanId(), venueId: '7', direction: 'in', code, nowMs: T0 + i })
}

describe('check-in queue', () => {
  it('builds gate and proxy items with a fresh UUID each', () => {
    const a = scan(1)
    const b = scan(2)
    expect(a.clientScanId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(a.clientScanId).not.toBe(b.clientScanId)
    expect(a).toMatchObject({ method: 'gate_scan', venueId: '7', scannedAt: new Date(T0 + 1).toISOString() })
    const p = proxyScanItem({
      clientScanId: newScanId(),
      venueId: '7',
      direction: 'out',
      person: { idType: 'passport', idNumber: ' E1234567 ' },
      companion: { idType: 'resident', idNumber: '  ' },
      nowMs: T0,
    })
    expect(p).toMatchObject({ method: 'proxy', direction: 'out', idType: 'passport', idNumber: 'E1234567' })
    expect(p).not.toHaveProperty('companionIdNumber')
  })

  it('carries the seat of a transport scan, and none when not given', async () => {
    const base = { clientScanId: newScanId(), venueId: '9', direction: 'in' as const, nowMs: T0 }
    const seat = { row: 12 }
    const gate = gateScanItem({ ...base, code: 'LF1:ABC', seat })
    expect(gate).toMatchObject({ method: 'gate_scan', code: 'LF1:ABC', seat: { row: 12 } })
    seat.row = 13 // the queued item keeps its own copy
    expect(gate.seat).toEqual({ row: 12 })
    const proxy = proxyScanItem({
      ...base,
      person: { idType: 'resident', idNumber: '420102199001011234' },
      seat: { carriage: '5', bay: 3 },
    })
    expect(proxy).toMatchObject({ method: 'proxy', seat: { carriage: '5', bay: 3 } })
    expect(gateScanItem({ ...base, code: 'LF1:ABC' })).not.toHaveProperty('seat')
    expect(gateScanItem({ ...base, code: 'LF1:ABC', seat: undefined })).not.toHaveProperty('seat')

    // Stored and sent as is (the IndexedDB queue keeps the item whole).
    const store = createMemoryScanQueueStore()
    await enqueueScan(store, gate, T0)
    const server = fakeServer()
    await syncQueue(store, server.send, T0)
    expect(server.calls[0]?.[0]?.seat).toEqual({ row: 12 })
  })

  it('sends in batches of at most 100, oldest first, and empties the queue', async () => {
    const store = createMemoryScanQueueStore()
    for (let i = 0; i < 250; i++) await enqueueScan(store, scan(i), T0 + i)
    const server = fakeServer()
    const report = await syncQueue(store, server.send, T0)
    expect(server.calls.map((c) => c.length)).toEqual([100, 100, 50])
    expect(server.calls[0]?.[0]?.code).toBe('LF1:CODE0')
    expect(report).toMatchObject({ accepted: 250, duplicates: 0, rejected: 0, remaining: 0 })
    expect(store.queued.size).toBe(0)
  })

  it('keeps everything when the network fails, and resends the same ids later: each recorded once', async () => {
    const store = createMemoryScanQueueStore()
    for (let i = 0; i < 3; i++) await enqueueScan(store, scan(i), T0 + i)
    const ids = [...store.queued.keys()].sort()
    const offline: SendBatch = () => Promise.reject(new ApiError(0, 'NETWORK', 'Failed to fetch'))
    const failed = await syncQueue(store, offline, T0)
    expect(failed.remaining).toBe(3)
    expect(failed.error).toBeInstanceOf(ApiError)
    expect([...store.queued.keys()].sort()).toEqual(ids)

    // The server recorded the batch but the answer was lost: nothing is removed.
    const server = fakeServer()
    const lost: SendBatch = async (scans) => {
      await server.send(scans)
      throw new ApiError(0, 'NETWORK', 'connection reset')
    }
    expect((await syncQueue(store, lost, T0)).remaining).toBe(3)

    // The replay carries the same ids: reported duplicate, and only then forgotten.
    const report = await syncQueue(store, server.send, T0)
    expect(
      server.calls
        .at(-1)
        ?.map((s) => s.clientScanId)
        .sort(),
    ).toEqual(ids)
    expect(report).toMatchObject({ accepted: 0, duplicates: 3, remaining: 0 })
    expect(server.recorded.size).toBe(3)
  })

  it('moves rejected items to their own list and removes only accepted/duplicate ones', async () => {
    const store = createMemoryScanQueueStore()
    const good = scan(1)
    const forged = scan(2, 'LF1:FORGED')
    await enqueueScan(store, good, T0)
    await enqueueScan(store, forged, T0 + 1)
    const server = fakeServer((s) => s.code === 'LF1:FORGED')
    const report = await syncQueue(store, server.send, T0 + 5)
    expect(report).toMatchObject({ accepted: 1, rejected: 1, remaining: 0 })
    const rejected = await store.rejected()
    expect(rejected.map((r) => r.clientScanId)).toEqual([forged.clientScanId])
    expect(rejected[0]).toMatchObject({ code: 'FORGED', message: 'bad signature', item: forged })
  })

  it('keeps items the server did not answer for', async () => {
    const store = createMemoryScanQueueStore()
    const a = scan(1)
    const b = scan(2)
    await enqueueScan(store, a, T0)
    await enqueueScan(store, b, T0 + 1)
    const partial: SendBatch = async () => ({
      accepted: 1,
      duplicates: 0,
      rejected: 0,
      outcomes: [outcome(a.clientScanId, 'accepted')],
    })
    const report = await syncQueue(store, partial, T0)
    expect(report.remaining).toBe(1)
    expect([...store.queued.keys()]).toEqual([b.clientScanId])
  })

  it('a batch refused as a whole (400) is retried item by item; the bad item alone is rejected', async () => {
    const store = createMemoryScanQueueStore()
    const items = [scan(1), scan(2, 'x'.repeat(10)), scan(3)]
    for (const [i, item] of items.entries()) await enqueueScan(store, item, T0 + i)
    const server = fakeServer()
    const strict: SendBatch = async (scans) => {
      if (scans.some((s) => s.code === 'x'.repeat(10)))
        throw new ApiError(400, 'VALIDATION_FAILED', 'body/scans/1/code is invalid')
      return server.send(scans)
    }
    const report = await syncQueue(store, strict, T0)
    expect(report).toMatchObject({ accepted: 2, rejected: 1, remaining: 0 })
    expect((await store.rejected())[0]).toMatchObject({ code: 'VALIDATION_FAILED', outcome: null })
  })

  it('stops at a server error and keeps the unsent batches', async () => {
    const store = createMemoryScanQueueStore()
    for (let i = 0; i < 150; i++) await enqueueScan(store, scan(i), T0 + i)
    const server = fakeServer()
    let calls = 0
    const flaky: SendBatch = async (scans) => {
      calls++
      if (calls === 2) throw new ApiError(503, 'UNAVAILABLE', 'busy')
      return server.send(scans)
    }
    const report = await syncQueue(store, flaky, T0)
    expect(report).toMatchObject({ accepted: 100, remaining: 50 })
    expect((await syncQueue(store, server.send, T0)).remaining).toBe(0)
    expect(server.recorded.size).toBe(150)
  })
})
