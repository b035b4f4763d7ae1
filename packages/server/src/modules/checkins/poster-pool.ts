/**
 * Worker threads that draw poster PDFs off the event loop (issue #14: a looping client raised
 * `/healthz` p50 from 5.8 to 168 ms, and 161 venues in one PDF stalled every request for 4 s).
 * A small pool — one thread by default — with a bounded queue: when every worker is busy and
 * `queue` jobs already wait, a new job is refused at once with `SERVER_BUSY` (503 and
 * `Retry-After`), so poster requests can never pile up memory or time without limit.
 */
import { Worker } from 'node:worker_threads'
import { DomainError } from '@lianfang/core'
import { workerEntry } from '../../workers/worker-entry.js'
import type { PosterInput } from './poster-layout.js'
import type { RenderJob, RenderReply } from './poster-worker.js'

export interface PosterPoolOptions {
  /** Worker threads drawing PDFs (`POSTER_WORKERS`, default 1). */
  readonly workers: number
  /** Jobs that may wait for a free worker (`POSTER_QUEUE`, default 4); one more is refused. */
  readonly queue: number
}

export interface Rendered {
  readonly pdf: Buffer
  /** Code points no font covers (drawn as □). */
  readonly missing: readonly number[]
}

interface Pending {
  readonly job: RenderJob
  readonly resolve: (r: Rendered) => void
  readonly reject: (e: unknown) => void
}

interface Slot {
  readonly worker: Worker
  current: Pending | undefined
  startedAt: number
}

export class PosterRenderPool {
  private readonly slots: Slot[] = []
  private readonly waiting: Pending[] = []
  private nextId = 1
  private closed = false
  /** Running mean of a job's time (ms), for `Retry-After`. */
  private meanMs = 1000

  constructor(private readonly options: PosterPoolOptions) {}

  /** Jobs running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.slots.filter((s) => s.current).length, waiting: this.waiting.length }
  }

  /**
   * One PDF of these posters, drawn by a worker. Rejects with `SERVER_BUSY` (details:
   * `retryAfterSeconds`) at once when the queue is full.
   */
  render(inputs: readonly Omit<PosterInput, 'now'>[], now: Date): Promise<Rendered> {
    if (this.closed) return Promise.reject(new Error('the poster pool is closed'))
    const slot = this.freeSlot()
    if (!slot && this.waiting.length >= this.options.queue) {
      const retryAfterSeconds = Math.min(
        60,
        Math.max(1, Math.ceil((this.meanMs * (this.waiting.length + 1)) / this.options.workers / 1000)),
      )
      return Promise.reject(
        new DomainError('SERVER_BUSY', 'the server is busy drawing other documents; retry shortly', {
          retryAfterSeconds,
        }),
      )
    }
    return new Promise<Rendered>((resolve, reject) => {
      const pending: Pending = { job: { id: this.nextId++, inputs, now: now.getTime() }, resolve, reject }
      if (slot) this.start(slot, pending)
      else this.waiting.push(pending)
    })
  }

  /** Stops the workers; jobs not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true
    const stopped = new Error('the poster pool is closed')
    for (const p of this.waiting.splice(0)) p.reject(stopped)
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()))
  }

  private freeSlot(): Slot | undefined {
    const idle = this.slots.find((s) => !s.current)
    if (idle) return idle
    return this.slots.length < this.options.workers ? this.spawn() : undefined
  }

  private start(slot: Slot, pending: Pending): void {
    slot.current = pending
    slot.startedAt = performance.now()
    slot.worker.ref()
    slot.worker.postMessage(pending.job)
  }

  /** The slot is free again: the next waiting job, if any. */
  private next(slot: Slot): void {
    const pending = this.waiting.shift()
    if (pending) this.start(slot, pending)
    else slot.worker.unref()
  }

  private spawn(): Slot {
    const entry = workerEntry('./poster-worker', import.meta.url)
    const worker = new Worker(entry.filename, { ...entry.options, name: 'poster-render' })
    // An idle pool never keeps the process alive.
    worker.unref()
    const slot: Slot = { worker, current: undefined, startedAt: 0 }
    worker.on('message', (reply: RenderReply) => {
      const pending = slot.current
      if (pending?.job.id !== reply.id) return
      slot.current = undefined
      this.meanMs = 0.8 * this.meanMs + 0.2 * (performance.now() - slot.startedAt)
      if (reply.ok)
        pending.resolve({
          pdf: Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength),
          missing: reply.missing,
        })
      else pending.reject(new Error(`poster rendering failed: ${reply.message}`))
      this.next(slot)
    })
    let failed = false
    const fail = (error: Error) => {
      if (failed) return
      failed = true
      const i = this.slots.indexOf(slot)
      if (i >= 0) this.slots.splice(i, 1)
      slot.current?.reject(error)
      slot.current = undefined
      // A waiting job gets a fresh worker.
      if (!this.closed && this.waiting.length > 0) this.next(this.spawn())
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      fail(new Error(`the poster worker stopped (exit code ${String(code)})`))
    })
    this.slots.push(slot)
    return slot
  }
}
