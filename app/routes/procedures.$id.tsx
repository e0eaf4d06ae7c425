import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList } from '~/components/forms'
import { ItemText } from '~/components/portfolio/ItemText'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { forbidden, guard, notFound } from '~/permissions/guard.server'
import type { Status } from '~/portfolio/codes'
import { titlesOf } from '~/portfolio/item-text'
import { castVote, getProcedure } from '~/procedures/procedures.server'
import { VOTES } from '~/procedures/rules'
import { VoteForm } from '~/procedures/schema'

// One written procedure: its items, the votes so far (by name for the committee and the
// secretariat), the member's voting form while it is open, and the result once closed.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'procedures.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'procedure:read')
  const procedure = await getProcedure(await getDb(), user, params.id!)
  if (!procedure) notFound()
  return { procedure }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'procedure:vote')
  const submission = parseWithZod(await request.formData(), { schema: VoteForm })
  if (submission.status !== 'success') return { result: submission.reply(), voted: false }
  const outcome = await castVote(await getDb(), user, params.id!, submission.value)
  switch (outcome.kind) {
    case 'forbidden':
      return forbidden(outcome.action)
    case 'not_found':
      return notFound()
    case 'voted':
      return { result: submission.reply({ resetForm: true }), voted: true }
    default:
      return {
        result: submission.reply({ formErrors: [`procedures.refused.${outcome.kind}`] }),
        voted: false,
      }
  }
}

export default function ProcedurePage() {
  const { t, i18n } = useTranslation()
  const { procedure } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const closed = procedure.closed_at !== null
  return (
    <section className="procedure-page">
      <p>
        <Link to="/procedures">{t('procedures.back')}</Link>
      </p>
      <h1>{procedure.title}</h1>
      <p>
        {t('punctuation.sentences', {
          first: closed
            ? t('procedures.closedOn', { date: formatUtc(procedure.closed_at!, i18n.language) })
            : t('procedures.openUntil', { date: formatUtc(procedure.deadline, i18n.language) }),
          second: t(`procedures.rule.${procedure.rule}`),
        })}
      </p>
      {answer?.voted ? (
        <p className="notice" role="status">
          {t('procedures.votedNotice')}
        </p>
      ) : null}
      {closed && procedure.outcome ? (
        <p className="notice" role="status" id="procedure-outcome">
          {t(`procedures.result.${procedure.outcome}`)}
        </p>
      ) : null}

      <h2>{t('procedures.items')}</h2>
      <table className="data-table">
        <caption className="visually-hidden">{t('procedures.items')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.ref')}</th>
            <th scope="col">{t('field.title_en')}</th>
            <th scope="col">{t('field.status')}</th>
            {closed ? <th scope="col">{t('procedures.itemResult')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {procedure.itemList.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/items/${encodeURIComponent(item.ref)}`}>{item.ref}</Link>
              </td>
              <td>
                <ItemText texts={titlesOf(item)} />
              </td>
              <td>{t(`status.${item.status as Status}`)}</td>
              {closed ? (
                <td>
                  {item.result ? t(`procedures.itemResults.${item.result as 'endorsed'}`) : null}
                  {item.refusal
                    ? t('punctuation.parenthesis', {
                        text: t(`procedures.refusal.${item.refusal as 'stale'}`),
                      })
                    : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('procedures.votes')}</h2>
      <p>
        {t('procedures.tally', {
          endorse: procedure.tally.endorse,
          object: procedure.tally.object,
          abstain: procedure.tally.abstain,
          members: procedure.tally.members,
        })}
      </p>
      {procedure.votes ? (
        <table className="data-table">
          <caption className="visually-hidden">{t('procedures.votes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procedures.member')}</th>
              <th scope="col">{t('procedures.vote')}</th>
              <th scope="col">{t('procedures.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {procedure.votes.map((v) => (
              <tr key={v.userId}>
                <th scope="row">{v.name}</th>
                <td>{v.vote ? t(`procedures.voteName.${v.vote}`) : t('procedures.notVoted')}</td>
                <td className="prose">{v.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : procedure.objections.length > 0 ? (
        <>
          <h3>{t('procedures.objections')}</h3>
          <ul>
            {procedure.objections.map((text, i) => (
              <li key={i} className="prose">
                {text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {procedure.mine?.vote ? (
        <p>{t('procedures.yourVote', { vote: t(`procedures.voteName.${procedure.mine.vote}`) })}</p>
      ) : null}
      {procedure.canVote ? <VotingForm lastResult={answer?.result} /> : null}
    </section>
  )
}

function VotingForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'vote',
    lastResult,
    constraint: getZodConstraint(VoteForm),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VoteForm }),
  })
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="vote-form">
      <h2>{t('procedures.castVote')}</h2>
      <p className="hint" id="vote-final">
        {t('procedures.voteFinal')}
      </p>
      <ErrorList id={form.errorId} errors={form.errors} />
      <fieldset
        aria-describedby={fields.vote.errors?.length ? `${fields.vote.errorId} vote-final` : 'vote-final'}
      >
        <legend>{t('procedures.vote')}</legend>
        {VOTES.map((vote) => (
          <label key={vote} className="choice">
            <input type="radio" name={fields.vote.name} value={vote} /> {t(`procedures.voteName.${vote}`)}
          </label>
        ))}
        <ErrorList id={fields.vote.errorId} errors={fields.vote.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.comment.id}>{t('procedures.commentOptional')}</label>
        <textarea {...getTextareaProps(fields.comment)} rows={3} className="wide" />
        <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
      </div>
      <button type="submit" className="primary">
        {t('procedures.submitVote')}
      </button>
    </Form>
  )
}
