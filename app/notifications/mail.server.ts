import type nodemailer from 'nodemailer'
import { onFirstUse } from '../load-package.server'
import { config, type Config } from '../config.server'

const mailer = onFirstUse<typeof nodemailer>('nodemailer')

// Sending mail is pluggable (docs/decisions/0008-notifications.md): the outbox hands each
// message to a MailSender. With SMTP_URL set, messages go to that SMTP server through
// nodemailer; without it they are written to the log, so a fresh install works without a mail
// server and a real one is attached by configuration alone.

export interface OutgoingMail {
  to: string
  subject: string
  text: string
}

export interface MailSender {
  /** a short name for the logs: log, smtp */
  name: string
  /** resolves once the message is accepted; rejects with the reason otherwise */
  send(mail: OutgoingMail): Promise<void>
}

export const logSender: MailSender = {
  name: 'log',
  async send(mail) {
    console.info(`mail (log sender): to=${mail.to} subject=${JSON.stringify(mail.subject)}`)
  },
}

export function smtpSender(url: string, from: string): MailSender {
  const transport = mailer().createTransport(url)
  return {
    name: 'smtp',
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    },
  }
}

/** The sender the configuration asks for: SMTP_URL (and MAIL_FROM) for SMTP, else the log. */
export function senderFor(settings: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): MailSender {
  return settings.SMTP_URL ? smtpSender(settings.SMTP_URL, settings.MAIL_FROM) : logSender
}

/** The address links in mail point at: APP_URL, without a trailing slash. */
export function appUrl(): string {
  return config().APP_URL
}
