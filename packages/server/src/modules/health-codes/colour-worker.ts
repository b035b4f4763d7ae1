import type { FastifyBaseLogger } from 'fastify'
import type { ColourService } from './colour.service.js'

/**
 * Background upkeep of colours in the server process: drains the outbox (changes made by
 * other writers, or left by a crash between commit and drain) and sweeps colours whose
 * validity has lapsed. Intervals are short; each tick does bounded work.
 */
export class ColourWorker {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private lastSweep = 0

  constructor(
    private readonly colours: ColourService,
    private readonly log: FastifyBaseLogger,
    private readonly drainIntervalMs = 1000,
    private readonly sweepIntervalMs = 60_000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.tick().finally(() => {
        this.running = undefined
      })
    }, this.drainIntervalMs)
    this.timer.unref()
  }

  private async tick(): Promise<void> {
    try {
      const drained = await this.colours.drain(undefined, 1000)
      if (drained > 0) this.log.debug({ drained }, 'colours recomputed from the outbox')
      if (Date.now() - this.lastSweep >= this.sweepIntervalMs) {
        this.lastSweep = Date.now()
        const swept = await this.colours.sweep(5000)
        if (swept > 0) this.log.info({ swept }, 'colours recomputed after their validity lapsed')
      }
    } catch (e) {
      this.log.error({ err: e }, 'colour worker tick failed')
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.running
  }
}
