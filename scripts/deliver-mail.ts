import { configOrExit } from '../app/config.server'
import { deliverDigests } from '../app/notifications/digest.server'
import { senderFor } from '../app/notifications/mail.server'
import { deliverOutbox } from '../app/notifications/outbox.server'
import { withDatabase } from './cli'

// npm run mail:deliver: makes the daily digests that are due, sends what is due in the e-mail outbox once, through SMTP_URL or the log,
// then exits. For cron, beside or instead of the app servers' own delivery (MAIL_INTERVAL_SECONDS).

await withDatabase(async (db) => {
  const settings = configOrExit()
  const sender = senderFor(settings)
  const digests = await deliverDigests(db, new Date().toISOString(), settings.DIGEST_HOUR_UTC)
  let total = { sent: 0, failed: 0 }
  for (;;) {
    const report = await deliverOutbox(db, sender)
    total = { sent: total.sent + report.sent, failed: total.failed + report.failed }
    if (report.sent + report.failed === 0) break
    if (report.sent === 0) break // only failures left: they wait for their retry time
  }
  console.log(
    `mail: ${digests} digest(s) made, ${total.sent} sent, ${total.failed} failed (sender: ${sender.name})`,
  )
})
