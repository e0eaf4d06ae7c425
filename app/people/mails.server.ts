import type { DB } from '../../db/schema'
import { translator } from '../i18n/i18n'
import { appUrl } from '../notifications/mail.server'
import { enqueueMail } from '../notifications/outbox.server'
import type { Role } from '../permissions/permissions'
import { linkPath, type LinkPurpose } from './links.server'

// The mails that carry a one-time link, queued in the caller's transaction through the e-mail
// outbox. Written in the person's preferred language once the languages issue adds catalogues.

/** The full address of a link: APP_URL and its path. */
export function linkUrl(purpose: LinkPurpose, secret: string): string {
  return `${appUrl()}${linkPath(purpose, secret)}`
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`

export async function queueInvitationMail(
  db: DB,
  input: {
    to: string
    language: string
    inviter: string | null
    role: string
    secret: string
    expiresAt: string
    at: string
  },
): Promise<void> {
  const t = translator(input.language)
  const values = {
    inviter: input.inviter ?? t('people.mail.theSecretariat'),
    role: t(`role.${input.role as Role}`),
    link: linkUrl('invitation', input.secret),
    expires: utc(input.expiresAt),
  }
  await enqueueMail(db, {
    to: input.to,
    subject: t('people.mail.invitationSubject'),
    body: t('people.mail.invitation', values),
    at: input.at,
  })
}

export async function queueResetMail(
  db: DB,
  input: { to: string; language: string; secret: string; expiresAt: string; at: string },
): Promise<void> {
  const t = translator(input.language)
  await enqueueMail(db, {
    to: input.to,
    subject: t('people.mail.resetSubject'),
    body: t('people.mail.reset', {
      link: linkUrl('password_reset', input.secret),
      expires: utc(input.expiresAt),
    }),
    at: input.at,
  })
}
