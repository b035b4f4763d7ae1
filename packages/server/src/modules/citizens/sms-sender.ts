import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../../db/database.js'
import { SmsOutboxRepository } from './sms-outbox.repository.js'

/**
 * Where text messages go. The development sender writes each message to the server log and
 * to the `sms_outbox` table with the region the number belongs to (readable at
 * /api/admin/sms-outbox by the admins of that region; messages with no region by the node's
 * operators only); the HTTP sender
 * posts `{ phone, body }` as JSON to a gateway adapter (docs/sms.md shows how to put a
 * commercial SMS service behind it).
 */
export interface SmsSender {
  readonly name: string
  /** `regionCode`: the region whose admins may read the message in the development outbox. */
  send(phone: string, body: string, regionCode: string | null): Promise<void>
}

export class DevelopmentSmsSender implements SmsSender {
  readonly name = 'development'
  private readonly outbox = new SmsOutboxRepository()
  constructor(
    private readonly database: Database,
    private readonly log: () => FastifyBaseLogger | undefined,
  ) {}

  async send(phone: string, body: string, regionCode: string | null): Promise<void> {
    await this.outbox.insert(this.database.db, { phone, body, sender: this.name, region_code: regionCode })
    this.log()?.info(
      { phone, sms: body },
      'development SMS sender: message not delivered, shown here and in the SMS outbox',
    )
  }
}

export class HttpSmsSender implements SmsSender {
  readonly name = 'http'
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 5000,
  ) {}

  async send(phone: string, body: string): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ phone, body }),
      signal: AbortSignal.timeout(this.timeoutMs),
    })
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`)
  }
}
