import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PublicationPanel } from '~/components/publication/PublicationPanel'
import { Amount, QuadrantBadge, StatusBadge } from '~/components/portfolio/badges'
import { FlagList, OwnFlagForm } from '~/components/cofinancing/CofinancingPanel'
import { History } from '~/components/workflow/History'
import { Comments, type CommentFeedback } from '~/components/comments/Comments'
import { addComment, deleteComment, editComment } from '~/comments/comments.server'
import { CommentForm, commentFormId } from '~/comments/schema'
import { WorkflowPanel, type TransitionFeedback } from '~/components/workflow/WorkflowPanel'
import { FollowButton } from '~/components/notifications/FollowButton'
import { ScorePanel } from '~/components/prioritisation/ScorePanel'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { statusValue } from '~/feedback/flash'
import { guard, notFound } from '~/permissions/guard.server'
import type { Actor } from '~/permissions/permissions'
import { getItemPage } from '~/item-page/item-page.server'
import { ItemKpis } from '~/components/monitoring/ItemKpis'
import { kpisOfItem } from '~/monitoring/framework.server'
import { SOURCE_FIELDS } from '~/portfolio/schema'
import { formatAmount, formatUtc } from '~/i18n/format'
import { pageTitle, readerLanguage } from '~/i18n/meta'
import { descriptionsOf, plainTextFor, outdatedLanguages, titlesOf } from '~/portfolio/item-text'
import { ItemText } from '~/components/portfolio/ItemText'
import { OutdatedTranslations } from '~/components/portfolio/OutdatedTranslations'
import { TransitionForm } from '~/workflow/schema'
import { iatiStatusOf } from '~/portfolio/iati'
import { transition } from '~/workflow/workflow.server'
import type { CountryCode, Modality, Status } from '~/portfolio/codes'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(
    matches,
    null,
    {},
    data ? `${data.item.ref} ${plainTextFor(titlesOf(data.item), readerLanguage(matches))}` : undefined,
  )

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'item:read')
  const db = await getDb()
  const page = await getItemPage(db, user, params.ref ?? '')
  if (!page) notFound()
  return { ...page, kpis: await kpisOfItem(db, page.item.ref) }
}

/** A workflow move from one of the page's forms; the transition table decides (app/workflow). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'item:read')
  const formData = await request.formData()
  if (String(formData.get('intent') ?? '').startsWith('comment:'))
    return commentAction(request, user, params.ref ?? '', formData)
  const submission = parseWithZod(formData, { schema: TransitionForm })
  const to = String(submission.payload.to ?? '')
  if (submission.status !== 'success')
    return data<TransitionFeedback>({ to, result: submission.reply(), refusal: null }, { status: 400 })
  const ref = params.ref ?? ''
  const db = await getDb()
  const outcome = await transition(db, user, ref, submission.value.to, submission.value.reason)
  switch (outcome.kind) {
    case 'done':
      await setFlash(db, request, {
        key: 'feedback.moved',
        values: { ref: outcome.item.ref, status: statusValue(outcome.to) },
        next: outcome.to,
      })
      throw redirect(`/items/${encodeURIComponent(outcome.item.ref)}`)
    case 'not_found':
      notFound()
    case 'stale':
      return data<TransitionFeedback>(
        { to, result: submission.reply(), refusal: null, stale: true },
        { status: 409 },
      )
    case 'refused': {
      const { refusal } = outcome
      if (refusal.outcome === 'reason_required') {
        return data<TransitionFeedback>(
          {
            to,
            result: submission.reply({ fieldErrors: { reason: ['workflow.reasonRequired'] } }),
            refusal: null,
          },
          { status: 400 },
        )
      }
      return data<TransitionFeedback>(
        { to, result: submission.reply(), refusal },
        { status: refusal.httpStatus },
      )
    }
  }
}

/** A comment form (app/comments): new thread, reply, edit or delete. Errors go back to the form they came from. */
async function commentAction(request: Request, user: Actor, ref: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: CommentForm })
  const formId = commentFormId(submission.payload)
  if (submission.status !== 'success')
    return data<{ comment: CommentFeedback }>(
      { comment: { formId, result: submission.reply(), refusal: null } },
      { status: 400 },
    )
  const db = await getDb()
  const value = submission.value
  const outcome =
    value.intent === 'comment:add'
      ? await addComment(db, user, ref, value.body)
      : value.intent === 'comment:reply'
        ? await addComment(db, user, ref, value.body, value.parent)
        : value.intent === 'comment:edit'
          ? await editComment(db, user, ref, value.comment, value.body)
          : await deleteComment(db, user, ref, value.comment)
  if (outcome.kind === 'done') {
    const key =
      value.intent === 'comment:edit'
        ? 'feedback.commentEdited'
        : value.intent === 'comment:delete'
          ? 'feedback.commentDeleted'
          : 'feedback.commentAdded'
    await setFlash(db, request, { key, values: { ref } })
    return {
      comment: {
        formId,
        result: submission.reply({ resetForm: true }),
        refusal: null,
      } satisfies CommentFeedback,
    }
  }
  const key = outcome.kind === 'refused' ? outcome.reason : outcome.kind
  const status = outcome.kind === 'forbidden' ? 403 : outcome.kind === 'not_found' ? 404 : 409
  return data<{ comment: CommentFeedback }>(
    { comment: { formId, result: submission.reply(), refusal: `comments.refused.${key}` } },
    { status },
  )
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children === null || children === '' || children === undefined ? '—' : children}</dd>
    </>
  )
}

export default function ItemPage() {
  const { t, i18n } = useTranslation()
  const name = useTaxonomyName()
  const {
    item,
    financing,
    workflow,
    canEdit,
    canTranslate,
    canArchive,
    canPublish,
    flags,
    committed,
    flagAs,
    comments,
    canComment,
    mentionable,
    follow,
    scores,
    myScore,
    iati: iatiFacts,
    kpis,
  } = useLoaderData<typeof loader>()
  const feedback = useActionData<typeof action>()
  const iati = iatiStatusOf(item.status)
  return (
    <article className="item-page">
      <p>
        <Link to="/items">← {t('item.back')}</Link>
      </p>
      <header className="page-head">
        <div>
          <p className="ref">{item.ref}</p>
          <h1>
            <ItemText
              texts={titlesOf(item)}
              outdated={outdatedLanguages(item.translations_outdated, 'title')}
            />
          </h1>
          <p className="badges">
            <StatusBadge status={item.status} /> <QuadrantBadge quadrant={item.quadrant} />
          </p>
          <p className="next-step">{t(`nextStep.${item.status as Status}`)}</p>
        </div>
        <div className="actions">
          {canEdit ? (
            <Link to="edit" className="button primary">
              {t('item.edit')}
            </Link>
          ) : null}
          {canArchive ? (
            <Form method="post" action="archive">
              <input type="hidden" name="archived" value={item.archived ? 'false' : 'true'} />
              <button type="submit">{item.archived ? t('item.restore') : t('item.archive')}</button>
            </Form>
          ) : null}
        </div>
      </header>
      {item.archived ? (
        <p className="notice" role="status">
          {t('item.archivedNotice')}
        </p>
      ) : null}
      <PublicationPanel itemRef={item.ref} published={item.published} canPublish={canPublish} />
      <OutdatedTranslations outdated={item.translations_outdated} canTranslate={canTranslate} />
      {follow ? <FollowButton itemRef={item.ref} follow={follow} /> : null}
      <section aria-labelledby="workflow" className="workflow">
        <h2 id="workflow">{t('workflow.title')}</h2>
        <dl>
          <Fact label={t('field.status')}>{t(`status.${item.status as Status}`)}</Fact>
          <Fact label={t('iati.label')}>{iati ? t(`iati.${iati}`) : null}</Fact>
        </dl>
        <WorkflowPanel
          status={item.status}
          transitions={workflow.transitions}
          blocked={workflow.blocked}
          feedback={feedback && 'to' in feedback ? feedback : null}
        />
      </section>
      <div className="item-grid">
        <section aria-labelledby="classification">
          <h2 id="classification">{t('item.classification')}</h2>
          <dl>
            <Fact label={t('field.strategy')}>{name('strategy', item.strategy)}</Fact>
            <Fact label={t('field.pillar')}>{item.pillar == null ? null : name('pillar', item.pillar)}</Fact>
            <Fact label={t('field.area')}>{item.area == null ? null : name('area', item.area)}</Fact>
            <Fact label={t('field.modalities')}>
              {item.modalities.map((m) => t(`modality.${m as Modality}`)).join(', ')}
            </Fact>
            <Fact label={t('field.proposers')}>
              {item.proposers.length ? (
                <ul className="plain">
                  {item.proposers.map((code) => (
                    <li key={code}>
                      {t(`country.${code as CountryCode}`)}
                      <span className="muted">{t('punctuation.parenthesis', { text: code })}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </Fact>
            <Fact label={t('field.years')}>
              {item.start_year || item.end_year ? `${item.start_year ?? '…'}–${item.end_year ?? '…'}` : null}
            </Fact>
            {iatiFacts.dates?.indicative ? (
              <Fact label={t('iatiExport.item.plannedDates')}>
                <span data-testid="indicative-dates">
                  {t('iatiExport.item.indicative', {
                    start: iatiFacts.dates.start,
                    end: iatiFacts.dates.end,
                  })}
                </span>
              </Fact>
            ) : null}
            <Fact label={t('field.dac_code')}>{iatiFacts.sector?.code ?? null}</Fact>
          </dl>
        </section>
        <section aria-labelledby="financing" className="financing">
          <h2 id="financing">{t('item.financing')}</h2>
          <dl>
            <Fact label={t('field.cost_usd_m')}>
              {item.cost_usd_m == null ? null : <Amount value={item.cost_usd_m} />}
            </Fact>
            <Fact label={t('field.secured_usd_m')}>
              {item.secured_usd_m == null ? null : <Amount value={item.secured_usd_m} />}
            </Fact>
            {SOURCE_FIELDS.map((field) => (
              <Fact key={field} label={t(`field.${field}`)}>
                {item[field] == null ? null : <Amount value={item[field]} />}
              </Fact>
            ))}
            {financing.unallocated > 0 ? (
              <Fact label={t('item.unallocated')}>
                <Amount value={financing.unallocated} />
              </Fact>
            ) : null}
            <Fact label={t('item.committedFlags')}>
              <Amount value={financing.committed} />
            </Fact>
            <Fact label={t('field.gap_usd_m')}>
              {item.gap_usd_m == null ? null : <Amount value={item.gap_usd_m} />}
            </Fact>
            <Fact label={t('field.partners')}>{item.partners.join(', ')}</Fact>
          </dl>
          {financing.overAllocated > 0 ? (
            <p className="notice warning" role="status">
              {t('item.overAllocated', { over: formatAmount(financing.overAllocated, i18n.language) })}
            </p>
          ) : null}
          <p className="muted">{t('item.financingHint')}</p>
        </section>
        <section aria-labelledby="priority">
          <h2 id="priority">{t('item.priority')}</h2>
          <dl>
            <Fact label={t('field.quadrant')}>{t(`quadrant.${item.quadrant}`)}</Fact>
            {scores.aggregate ? null : (
              <>
                <Fact label={t('field.strategic_importance')}>
                  {item.strategic_importance == null
                    ? null
                    : t('item.scoreOf', { score: item.strategic_importance })}
                </Fact>
                <Fact label={t('field.ease_of_implementation')}>
                  {item.ease_of_implementation == null
                    ? null
                    : t('item.scoreOf', { score: item.ease_of_implementation })}
                </Fact>
              </>
            )}
          </dl>
          {scores.aggregate && (item.strategic_importance != null || item.ease_of_implementation != null) ? (
            <p className="muted">
              {t('priorities.directOverruled', {
                importance: item.strategic_importance ?? '—',
                ease: item.ease_of_implementation ?? '—',
              })}
            </p>
          ) : null}
          <ScorePanel itemRef={item.ref} scores={scores} mine={myScore} />
        </section>
        <section aria-labelledby="titles" className="titles">
          <h2 id="titles">{t('item.titles')}</h2>
          <dl>
            <Fact label={t('field.title_en')}>
              {item.title_en ? <span lang="en">{item.title_en}</span> : null}
            </Fact>
            <Fact label={t('field.title_zh')}>
              {item.title_zh ? <span lang="zh-Hans">{item.title_zh}</span> : null}
            </Fact>
            <Fact label={t('field.title_ru')}>
              {item.title_ru ? <span lang="ru">{item.title_ru}</span> : null}
            </Fact>
          </dl>
        </section>
      </div>
      <section aria-labelledby="cofinancing" className="cofinancing">
        <h2 id="cofinancing">{t('cofinancing.title')}</h2>
        <dl>
          <Fact label={t('cofinancing.committedTotal')}>
            <Amount value={committed} />
          </Fact>
        </dl>
        <p className="muted">{t('cofinancing.committedHint')}</p>
        <FlagList flags={flags} />
        {flagAs ? (
          <OwnFlagForm
            key={flags.find((f) => f.organisation === flagAs)?.updated_at ?? 'none'}
            itemRef={item.ref}
            organisation={flagAs}
            own={flags.find((f) => f.organisation === flagAs) ?? null}
          />
        ) : null}
      </section>
      {item.description_en || item.description_ru || item.description_zh ? (
        <section aria-labelledby="description">
          <h2 id="description">{t('field.description')}</h2>
          <p className="prose">
            <ItemText
              texts={descriptionsOf(item)}
              outdated={outdatedLanguages(item.translations_outdated, 'description')}
            />
          </p>
        </section>
      ) : null}
      <ItemKpis kpis={kpis} />
      <section aria-labelledby="record">
        <h2 id="record">{t('item.record')}</h2>
        <p className="muted">
          {item.updated_by_name
            ? t('item.updated', {
                version: item.version,
                when: formatUtc(item.updated_at, i18n.language),
                who: item.updated_by_name,
              })
            : t('item.updatedBySystem', {
                version: item.version,
                when: formatUtc(item.updated_at, i18n.language),
              })}
          {item.source
            ? ` · ${t('punctuation.labelled', { label: t('field.source'), value: item.source })}`
            : ''}
        </p>
      </section>
      <section aria-labelledby="comments">
        <h2 id="comments">{t('comments.title')}</h2>
        <Comments
          threads={comments}
          canComment={canComment}
          mentionable={mentionable}
          feedback={feedback && 'comment' in feedback ? feedback.comment : null}
        />
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t('history.title')}</h2>
        <History history={workflow.history} />
      </section>
    </article>
  )
}
