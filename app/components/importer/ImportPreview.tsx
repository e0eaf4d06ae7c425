import { Form, Link } from '@remix-run/react'
import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { useFocusOnArrival } from '~/components/feedback/useFocusOnArrival'
import { Changes } from '~/components/workflow/History'
import { formatUtc } from '~/i18n/format'
import type { ImportEntry, ImportSummary } from '~/importer/import.server'
import type { ImportError } from '~/importer/interchange'
import { importErrorText } from '~/importer/messages'
import type { PreviewOutcome } from '~/importer/uploads.server'

// The dry run of an uploaded file (what the import would do, or every problem), and after the
// confirmation what it did. Presentational: the loader computed all of it (app/importer).

export type PreviewProps = Exclude<PreviewOutcome, { kind: 'not_found' }>

const itemHref = (ref: string) => `/items/${encodeURIComponent(ref)}`

export function ImportPreview({ preview, busy }: { preview: PreviewProps; busy: boolean }) {
  const { t, i18n } = useTranslation()
  // The preview (or the import's result) arrives after the upload, or when its job ends: focus
  // goes to its heading, so a keyboard or screen reader user starts reading there, not at the top.
  const heading = useFocusOnArrival<HTMLHeadingElement>(preview)
  if (preview.kind === 'errors')
    return (
      <ErrorTable
        file={preview.upload.filename}
        errors={preview.errors}
        more={preview.moreErrors}
        heading={heading}
      />
    )
  const { summary } = preview
  const counts = {
    created: summary.created.length,
    updated: summary.updated.length,
    unchanged: summary.unchanged.length,
  }
  if (preview.kind === 'imported') {
    return (
      <div className="import-result">
        <h2 ref={heading} tabIndex={-1}>
          {t('import.page.doneTitle', { file: preview.upload.filename })}
        </h2>
        <p role="status">
          {t('punctuation.sentences', {
            first: t('import.page.done', counts),
            second: t('import.page.importedAt', { when: formatUtc(preview.importedAt, i18n.language) }),
          })}
        </p>
        <EntryList
          title={t('import.page.created', { count: counts.created })}
          entries={summary.entries.filter((e) => e.outcome === 'created')}
        />
        <EntryList
          title={t('import.page.updated', { count: counts.updated })}
          entries={summary.entries.filter((e) => e.outcome === 'updated')}
        />
        <NewNames summary={summary} />
      </div>
    )
  }
  const work = counts.created + counts.updated
  return (
    <div className="import-preview">
      <h2 ref={heading} tabIndex={-1}>
        {t('import.page.previewTitle', { file: preview.upload.filename })}
      </h2>
      <p role="status">
        {t('punctuation.sentences', {
          first: t('import.page.counts', counts),
          second: work ? t('import.page.dryRun') : t('import.page.nothingToDo'),
        })}
      </p>
      {preview.fromExport ? (
        <p className="notice">
          {preview.ignored.length
            ? t('punctuation.sentences', {
                first: t('import.page.fromExport'),
                second: t('import.page.ignoredColumns', {
                  columns: preview.ignored.join(t('punctuation.list')),
                }),
              })
            : t('import.page.fromExport')}
        </p>
      ) : null}
      <EntryList
        title={t('import.page.toCreate', { count: counts.created })}
        entries={summary.entries.filter((e) => e.outcome === 'created')}
      />
      <EntryList
        title={t('import.page.toUpdate', { count: counts.updated })}
        entries={summary.entries.filter((e) => e.outcome === 'updated')}
      />
      <NewNames summary={summary} />
      <StatusMoves summary={summary} />
      {counts.unchanged ? (
        <details>
          <summary>{t('import.page.unchanged', { count: counts.unchanged })}</summary>
          <p>{summary.unchanged.join(t('punctuation.list'))}</p>
        </details>
      ) : null}
      {work ? (
        <Form method="post" action={`/import?upload=${preview.upload.id}`}>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="upload" value={preview.upload.id} />
          <input type="hidden" name="digest" value={preview.digest} />
          {(summary.disallowedMoves ?? []).length > 0 ? (
            <p className="field">
              <label>
                <input type="checkbox" name="as_recorded" value="on" aria-describedby="status-moves-hint" />{' '}
                {t('import.statusMoves.asRecorded')}
              </label>
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {t('import.page.confirm', { count: work })}
          </button>
        </Form>
      ) : null}
    </div>
  )
}

function EntryList({ title, entries }: { title: string; entries: ImportEntry[] }) {
  const { t } = useTranslation()
  if (!entries.length) return null
  return (
    <section>
      <h3>{title}</h3>
      <ul className="import-entries">
        {entries.map((entry) => (
          <li key={entry.ref}>
            <Link to={itemHref(entry.ref)}>{entry.ref}</Link> {entry.title_en}
            <span className="muted">
              {t('punctuation.parenthesis', { text: t('import.page.rowLabel', { row: entry.row }) })}
            </span>
            {entry.changes.length ? <Changes changes={entry.changes} /> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

function NewNames({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation()
  if (!summary.newTaxonomy.length) return null
  return (
    <section>
      <h3>{t('import.page.newNames', { count: summary.newTaxonomy.length })}</h3>
      <ul>
        {summary.newTaxonomy.map((n) => (
          <li key={`${n.kind}\n${n.within}\n${n.name}`}>
            {n.within
              ? t('import.page.within', {
                  name: t(`import.newName.${n.kind}`, { name: n.name }),
                  within: n.within,
                })
              : t(`import.newName.${n.kind}`, { name: n.name })}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The first problems of a file (a hundred at most) and, when there are more, how many. */
function ErrorTable({
  file,
  errors,
  more,
  heading,
}: {
  file: string
  errors: ImportError[]
  more: number
  heading: RefObject<HTMLHeadingElement>
}) {
  const { t } = useTranslation()
  return (
    <div className="import-errors">
      <h2 ref={heading} tabIndex={-1}>
        {t('import.page.previewTitle', { file })}
      </h2>
      <p className="notice warning" role="alert">
        {more > 0
          ? t('punctuation.sentences', {
              first: t('import.page.errorsSummary', { count: errors.length + more }),
              second: t('import.page.moreErrors', { shown: errors.length, count: more }),
            })
          : t('import.page.errorsSummary', { count: errors.length + more })}
      </p>
      <table className="items">
        <caption>{t('import.page.errorsCaption', { file })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.page.row')}</th>
            <th scope="col">{t('import.page.column')}</th>
            <th scope="col">{t('import.page.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, i) => (
            <tr key={i}>
              <td className="num">{error.row === 0 ? t('import.page.wholeFile') : error.row}</td>
              <td>{error.column ?? ''}</td>
              <td>{importErrorText(t, error)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Each status change the file makes, as a move the workflow allows or not (issue 11). */
function StatusMoves({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation()
  const moves = summary.entries.flatMap((e) => (e.statusMove ? [e.statusMove] : []))
  if (!moves.length) return null
  const status = (code: string) => t(`status.${code}`, { defaultValue: code })
  return (
    <section className="import-status-moves">
      <h3>{t('import.statusMoves.title', { count: moves.length })}</h3>
      <p className="hint" id="status-moves-hint">
        {(summary.disallowedMoves ?? []).length > 0
          ? t('import.statusMoves.hint')
          : t('import.statusMoves.allAllowed')}
      </p>
      <ul className="import-entries">
        {moves.map((move) => (
          <li key={move.ref}>
            <Link to={itemHref(move.ref)}>{move.ref}</Link>{' '}
            {t('import.statusMoves.move', { from: status(move.from), to: status(move.to) })}
            {': '}
            {move.allowed ? (
              t('import.statusMoves.allowed')
            ) : (
              <strong>{t(`import.statusMoves.refused.${move.refusal ?? 'not_allowed_from_state'}`)}</strong>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
