import type { DB } from '../../db/schema'
import { translator } from '../i18n/i18n'
import { messageKey } from '../i18n/keys'
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/languages'
import type { ReportState, ReportStep } from '../monitoring/codes'
import type { CountryCode } from '../portfolio/codes'
import { appUrl } from './mail.server'
import { enqueueMail } from './outbox.server'

// Telling people about a step of a KPI report (app/monitoring/reports.server.ts): a submission
// tells the secretariat; a return or an approval tells the country's working group. The inbox
// lists item events only (notifications.item_id), so these go by e-mail alone, at once, to active
// accounts; the person who made the step is not told. docs/decisions/0033-monitoring-framework.md.

export interface ReportStepEvent {
  period: string
  country: string
  kind: ReportStep
  from: ReportState | null
  to: ReportState
  reason: string | null
  actorId: string
  at: string
}

type Recipient = { id: string; email: string; language: string | null }

async function concerned(db: DB, step: ReportStepEvent): Promise<Recipient[]> {
  if (step.kind === 'submitted')
    return db
      .selectFrom('users')
      .select(['id', 'email', 'language'])
      .where('role', '=', 'secretariat')
      .where('status', '=', 'active')
      .execute()
  if (step.kind === 'returned' || step.kind === 'approved')
    return db
      .selectFrom('users as u')
      .innerJoin('user_countries as c', 'c.user_id', 'u.id')
      .select(['u.id', 'u.email', 'u.language'])
      .where('u.role', '=', 'working_group')
      .where('u.status', '=', 'active')
      .where('c.country_code', '=', step.country as CountryCode)
      .execute()
  return []
}

/** Queues the step's mail for the people concerned; returns how many. */
export async function announceReportStep(db: DB, step: ReportStepEvent): Promise<number> {
  if (step.kind === 'saved') return 0
  const told = (await concerned(db, step)).filter((p) => p.id !== step.actorId)
  if (told.length === 0) return 0
  const actor = await db.selectFrom('users').select('name').where('id', '=', step.actorId).executeTakeFirst()
  const url = `${appUrl()}/reports/${step.period}/${step.country}`
  // each in the recipient's own language (issue 9: e-mails in the recipient's language)
  for (const person of told) {
    const t = translator(isLanguage(person.language) ? person.language : DEFAULT_LANGUAGE)
    const values = {
      who: actor?.name ?? t('history.someone'),
      period: step.period,
      country: t(messageKey(`country.${step.country}`)),
    }
    const lines = [
      t(messageKey(`kpi.mail.${step.kind}`), values),
      ...(step.reason ? [t('kpi.mail.reason', { reason: step.reason })] : []),
      '',
      url,
    ]
    await enqueueMail(db, {
      to: person.email,
      subject: t(messageKey(`kpi.mail.${step.kind}Subject`), values),
      body: lines.join('\n'),
      at: step.at,
    })
  }
  return told.length
}
