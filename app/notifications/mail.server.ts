import nodemailer from 'nodemailer'

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
  const transport = nodemailer.createTransport(url)
  return {
    name: 'smtp',
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    },
  }
}

/** The sender the environment asks for: SMTP_URL (and MAIL_FROM) for SMTP, else the log. */
export function senderFromEnv(env: Record<string, string | undefined> = process.env): MailSender {
  const url = env.SMTP_URL?.trim()
  if (!url) return logSender
  return smtpSender(url, env.MAIL_FROM?.trim() || 'CAREC Pipeline <no-reply@localhost>')
}

/** The address links in mail point at: APP_URL, without a trailing slash. */
export function appUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.APP_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, '')
}
