import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/forms'
import { ScrollRegion } from '~/components/ScrollRegion'
import { Amount } from '~/components/portfolio/badges'
import type { FlagView } from '~/cofinancing/cofinancing.server'
import { FlagForm, INSTRUMENTS, STAGES } from '~/cofinancing/schema'
import { amountToInput, withLocalAmounts } from '~/i18n/amount-input'
import { formatUtc } from '~/i18n/format'

/** What the flag action answers when nothing was saved. */
export interface FlagFeedback {
  result: SubmissionResult<string[]>
}

/** The development partners' flags on an item, for every reader. */
export function FlagList({ flags }: { flags: FlagView[] }) {
  const { t, i18n } = useTranslation()
  if (flags.length === 0) return <p className="muted">{t('cofinancing.none')}</p>
  return (
    // on a phone the table scrolls in its own box, which the keyboard reaches
    <ScrollRegion label={t('cofinancing.flags')}>
      <table className="items flags">
        <caption className="visually-hidden">{t('cofinancing.flags')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cofinancing.organisation')}</th>
            <th scope="col">{t('cofinancing.instrumentLabel')}</th>
            <th scope="col">{t('cofinancing.amount')}</th>
            <th scope="col">{t('cofinancing.stageLabel')}</th>
            <th scope="col">{t('cofinancing.note')}</th>
            <th scope="col">{t('cofinancing.when')}</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((flag) => (
            <tr key={flag.id}>
              <th scope="row">{flag.organisation}</th>
              <td className="term">{t(`cofinancing.instrument.${flag.instrument}`)}</td>
              <td className="num">
                {flag.amount_usd_m == null ? '—' : <Amount value={flag.amount_usd_m} />}
              </td>
              <td className="term">{t(`cofinancing.stage.${flag.stage}`)}</td>
              <td className="prose">{flag.note ?? ''}</td>
              <td>
                <time dateTime={flag.updated_at}>{formatUtc(flag.updated_at, i18n.language)}</time>
                {flag.by ? <span className="muted"> · {flag.by}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

/**
 * The signed-in partner's own flag: add or update it, or withdraw it. Posts to /items/:ref/flag
 * through a fetcher (errors beside the fields, values kept); without JavaScript the same form
 * posts as a page and the flag page answers.
 */
export function OwnFlagForm({
  itemRef,
  organisation,
  own,
  lastResult,
}: {
  itemRef: string
  organisation: string
  own: FlagView | null
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t, i18n } = useTranslation()
  const save = useFetcher<FlagFeedback>({ key: `flag-${itemRef}` })
  const withdraw = useFetcher({ key: `withdraw-${itemRef}` })
  const action = `/items/${encodeURIComponent(itemRef)}/flag`
  const [form, fields] = useForm({
    id: 'flag',
    lastResult: save.data?.result ?? lastResult ?? null,
    defaultValue: own
      ? {
          instrument: own.instrument,
          stage: own.stage,
          amount_usd_m:
            own.amount_usd_m == null ? '' : amountToInput(String(own.amount_usd_m), i18n.language),
          note: own.note ?? '',
        }
      : { instrument: '', stage: '', amount_usd_m: '', note: '' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: withLocalAmounts(FlagForm, i18n.language) }),
  })
  const busy = save.state !== 'idle' || withdraw.state !== 'idle'
  return (
    <div className="own-flag">
      <h3>{t('cofinancing.yourFlag', { organisation })}</h3>
      <save.Form method="post" action={action} {...getFormProps(form)} noValidate>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          field={fields.instrument}
          label={t('form.required', { label: t('cofinancing.instrumentLabel') })}
        >
          <select {...getSelectProps(fields.instrument)}>
            <option value="">{t('cofinancing.choose')}</option>
            {INSTRUMENTS.map((code) => (
              <option key={code} value={code}>
                {t(`cofinancing.instrument.${code}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field field={fields.stage} label={t('form.required', { label: t('cofinancing.stageLabel') })}>
          <select {...getSelectProps(fields.stage)}>
            <option value="">{t('cofinancing.choose')}</option>
            {STAGES.map((code) => (
              <option key={code} value={code}>
                {t(`cofinancing.stage.${code}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field field={fields.amount_usd_m} label={t('cofinancing.amount')} hint={t('form.amountHint')}>
          <input
            {...getInputProps(fields.amount_usd_m, { type: 'text' })}
            inputMode="decimal"
            autoComplete="off"
          />
        </Field>
        <Field field={fields.note} label={t('cofinancing.note')}>
          <textarea {...getTextareaProps(fields.note)} rows={2} className="wide" />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {own ? t('cofinancing.update') : t('cofinancing.flag')}
        </button>
      </save.Form>
      {own ? (
        <withdraw.Form method="post" action={action}>
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="danger" disabled={busy}>
            {t('cofinancing.withdraw')}
          </button>
        </withdraw.Form>
      ) : null}
    </div>
  )
}
