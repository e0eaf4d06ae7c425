import { getFormProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field } from '~/components/forms'
import { formatNumber, formatUtc } from '~/i18n/format'
import type { ItemScores, MemberScoreView } from '~/prioritisation/scores.server'
import { ScoreForm } from '~/prioritisation/schema'
import type { ScoreFeedback } from '~/routes/items.$ref.score'

const SCORES = [1, 2, 3, 4, 5] as const

/** The committee's aggregate, each member's score, and (for a member) their own score form. */
export function ScorePanel({
  itemRef,
  scores,
  mine,
}: {
  itemRef: string
  scores: ItemScores
  mine: MemberScoreView | null | undefined
}) {
  const { t, i18n } = useTranslation()
  const agg = scores.aggregate
  // A median can be 2.5: written 2,5 in Russian.
  const axis = (a: { median: number; min: number; max: number }) => {
    const median = formatNumber(a.median, i18n.language)
    return a.min === a.max
      ? t('priorities.medianOnly', { median })
      : t('priorities.medianRange', { median, min: a.min, max: a.max })
  }
  return (
    <div className="scores">
      <h3>{t('priorities.members')}</h3>
      {agg ? (
        <>
          <p>{t('priorities.membersOf', { count: agg.count })}</p>
          <dl>
            <div>
              <dt>{t('priorities.importance')}</dt>
              <dd>{axis(agg.importance)}</dd>
            </div>
            <div>
              <dt>{t('priorities.ease')}</dt>
              <dd>{axis(agg.ease)}</dd>
            </div>
          </dl>
          {/* named scores reach the committee and the secretariat only (app/prioritisation/visibility.ts) */}
          {scores.members.length === 0 ? null : (
            <details>
              <summary>{t('priorities.memberScores')}</summary>
              <table className="items member-scores">
                <caption className="visually-hidden">{t('priorities.memberScores')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('priorities.member')}</th>
                    <th scope="col">{t('priorities.importance')}</th>
                    <th scope="col">{t('priorities.ease')}</th>
                    <th scope="col">{t('priorities.note')}</th>
                    <th scope="col">{t('priorities.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {scores.members.map((m) => (
                    <tr key={m.userId}>
                      <th scope="row">{m.name}</th>
                      <td className="num">{m.strategic_importance}</td>
                      <td className="num">{m.ease_of_implementation}</td>
                      <td className="prose">{m.note ?? ''}</td>
                      <td>
                        <time dateTime={m.updated_at}>{formatUtc(m.updated_at, i18n.language)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </>
      ) : (
        <p className="muted">{t('priorities.noScores')}</p>
      )}
      {mine !== undefined ? <OwnScoreForm itemRef={itemRef} mine={mine} /> : null}
    </div>
  )
}

function OwnScoreForm({ itemRef, mine }: { itemRef: string; mine: MemberScoreView | null }) {
  const { t } = useTranslation()
  const save = useFetcher<ScoreFeedback>({ key: `score-${itemRef}` })
  const withdraw = useFetcher({ key: `unscore-${itemRef}` })
  const action = `/items/${encodeURIComponent(itemRef)}/score`
  const [form, fields] = useForm({
    id: 'score',
    lastResult: save.data?.result ?? null,
    defaultValue: mine
      ? {
          strategic_importance: String(mine.strategic_importance),
          ease_of_implementation: String(mine.ease_of_implementation),
          note: mine.note ?? '',
        }
      : { strategic_importance: '', ease_of_implementation: '', note: '' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScoreForm }),
  })
  const busy = save.state !== 'idle' || withdraw.state !== 'idle'
  const select = (field: typeof fields.strategic_importance, label: string) => (
    <Field field={field} label={t('form.required', { label })} hint={t('priorities.scoreHint')}>
      <select {...getSelectProps(field)} required>
        <option value="">{t('priorities.choose')}</option>
        {SCORES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </Field>
  )
  return (
    <div className="own-score">
      <h3>{t('priorities.yourScore')}</h3>
      <save.Form method="post" action={action} {...getFormProps(form)} noValidate>
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="score-fields">
          {select(fields.strategic_importance, t('field.strategic_importance'))}
          {select(fields.ease_of_implementation, t('field.ease_of_implementation'))}
        </div>
        <Field field={fields.note} label={t('priorities.note')}>
          <textarea {...getTextareaProps(fields.note)} rows={2} className="wide" />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {mine ? t('priorities.update') : t('priorities.save')}
        </button>
      </save.Form>
      {mine ? (
        <withdraw.Form method="post" action={action}>
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="danger" disabled={busy}>
            {t('priorities.withdraw')}
          </button>
        </withdraw.Form>
      ) : null}
    </div>
  )
}
