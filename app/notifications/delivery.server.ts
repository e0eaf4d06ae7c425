import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Config } from '../config.server'
import { deliverDigests } from './digest.server'
import { senderFor } from './mail.server'
import { deliverOutbox } from './outbox.server'
import { closeDueProcedures } from '../procedures/procedures.server'

// Each app server makes the daily digests that are due (app/notifications/digest.server.ts) and
// delivers the outbox in the background every MAIL_INTERVAL_SECONDS (default 15;
// 0 turns it off, for installations that run `npm run mail:deliver` from cron instead). Claims
// live in the database, so any number of instances may do this at once. The same round closes the
// written procedures whose deadline has passed (app/procedures), before the mail they cause is sent.

const started = Symbol.for('carec.outboxDelivery')

export function startOutboxDelivery(
  getDb: () => Promise<Kysely<Database>>,
  settings: Pick<Config, 'MAIL_INTERVAL_SECONDS' | 'SMTP_URL' | 'MAIL_FROM' | 'DIGEST_HOUR_UTC'>,
): void {
  const seconds = settings.MAIL_INTERVAL_SECONDS
  const holder = globalThis as { [started]?: boolean }
  if (seconds === 0 || holder[started]) return
  holder[started] = true
  const sender = senderFor(settings)
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    void getDb()
      // the day's digests first, so they go out in the same round
      .then(async (db) => {
        await closeDueProcedures(db)
        await deliverDigests(db, new Date().toISOString(), settings.DIGEST_HOUR_UTC)
        return deliverOutbox(db, sender)
      })
      .then((report) => {
        if (report.failed > 0)
          console.warn(`mail: ${report.failed} message(s) failed and will be retried (sender ${sender.name})`)
      })
      .catch((error: unknown) =>
        console.error('mail: delivering the outbox failed:', error instanceof Error ? error.message : error),
      )
      .finally(() => {
        running = false
      })
  }, seconds * 1000)
  timer.unref()
}
