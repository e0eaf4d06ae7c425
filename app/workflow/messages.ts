import type { TFunction } from 'i18next'
import type { TransitionRefusal, Who } from './transitions'

/** A refused move in words, for the item page and the API's `message` (app/i18n/en.ts, workflow.refused). */
export function refusalMessage(t: TFunction, refusal: TransitionRefusal): string {
  const status = (code: string) => t(`status.${code}`, { defaultValue: code })
  const values = { from: status(refusal.from), to: status(refusal.to) }
  switch (refusal.outcome) {
    case 'forbidden':
      if (!refusal.rule) return t('workflow.refused.noTransitions')
      // endorsing is the committee's decision as a body: no one member makes it (issue 11)
      if (refusal.rule.collective) return t('workflow.refused.collective', values)
      return t('workflow.refused.forbidden', { ...values, who: whoInWords(t, refusal.rule.who) })
    case 'not_allowed_from_state':
      return refusal.archived ? t('workflow.refused.archived') : t('workflow.refused.notFromState', values)
    case 'requirement_missing':
      return t(`workflow.requirement.${refusal.requirement}`)
    case 'reason_required':
      return t('workflow.reasonRequired')
  }
}

export function whoInWords(t: TFunction, who: readonly Who[]): string {
  return who.map((w) => t(`workflow.who.${w}`)).join(t('workflow.or'))
}
