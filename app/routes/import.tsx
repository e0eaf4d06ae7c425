import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { useFocusOnArrival } from '~/components/feedback/useFocusOnArrival'
import { ImportPreview } from '~/components/importer/ImportPreview'
import { getDb } from '~/db.server'
import { pageTitle } from '~/i18n/meta'
import { MAX_IMPORT_BYTES } from '~/importer/files.server'
import { JobProgress } from '~/components/jobs/JobProgress'
import { getJob } from '~/jobs/jobs.server'
import { startJob } from '~/jobs/start.server'
import { saveUpload } from '~/importer/uploads.server'
import type { ImportError } from '~/importer/interchange'
import { importErrorText } from '~/importer/messages'
import { forbidden, guard } from '~/permissions/guard.server'
import { MAX_UPLOAD_BYTES } from '~/request-limits'

// Import from the browser (docs/decisions/0011-browser-import.md): upload -> dry-run preview ->
// confirm. The preview and the import run as background jobs (docs/decisions/0035), whatever the
// file's size, so no import holds up other requests: /import?job=<id> shows the job's progress,
// then its preview or its result. The rules live in app/importer, shared with `npm run import`.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'import.page.title')

const PreviewQuery = z.object({
  upload: z.string().uuid().optional().catch(undefined),
  job: z.string().uuid().optional().catch(undefined),
})
const UploadForm = z.object({ file: z.instanceof(File) })
const ConfirmForm = z.object({
  intent: z.literal('confirm'),
  upload: z.string().uuid(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** "apply status changes as recorded by the secretariat", for this import */
  as_recorded: z.literal('on').optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'item:import')
  const { upload, job: jobId } = PreviewQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
  const db = await getDb()
  if (jobId) {
    const outcome = await getJob(db, user, jobId)
    if (outcome.kind === 'not_found')
      return { preview: { kind: 'not_found' as const }, job: null, changed: false }
    const { job } = outcome
    const value = job.value
    if (value?.kind === 'import_preview') return { preview: value.preview, job, changed: false }
    if (value?.kind === 'import_confirm')
      return {
        preview: value.preview,
        job,
        changed:
          value.outcome === 'changed' || value.outcome === 'errors' || value.outcome === 'status_refused',
      }
    return { preview: null, job, changed: false }
  }
  if (!upload) return { preview: null, job: null, changed: false }
  // An address from before previews ran as jobs (a bookmark): its preview goes through a job too,
  // as a fresh upload's does, so no request builds one (docs/decisions/0041-import-batches.md).
  const started = await startJob(db, user, 'import_preview', { upload })
  if (started.kind === 'forbidden') forbidden(started.action)
  throw redirect(`/import?job=${started.id}`)
}

type ActionResult = { refused: ImportError } | { notice: 'changed' | 'notFound' | 'noFile' | 'statusRefused' }

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'item:import')
  const db = await getDb()

  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const form = ConfirmForm.safeParse(Object.fromEntries((await request.formData().catch(() => null)) ?? []))
    if (!form.success) throw new Response('Expected an upload id and its preview digest.', { status: 400 })
    // Rows that became wrong or a register that moved: the job's page says so and shows the new
    // preview (with its new digest), as the confirmation did when it ran in the request.
    const started = await startJob(db, user, 'import_confirm', {
      upload: form.data.upload,
      digest: form.data.digest,
      asRecorded: form.data.as_recorded === 'on',
    })
    if (started.kind === 'forbidden') forbidden(started.action)
    throw redirect(`/import?job=${started.id}`)
  }

  const tooLarge = (): ImportError => ({
    row: 0,
    column: null,
    key: 'tooLarge',
    values: { limit: MAX_IMPORT_BYTES / 1024 / 1024 },
  })
  // The server refused a body over the upload limit before this action ran (server/body-limit.ts),
  // so reading it whole is bounded. The platform's multipart parser, not Remix's, which fails on
  // a file name holding ";" or "=" (a 500 for "budget;v2.csv").
  const formData = await request.formData().catch(() => null)
  const form = UploadForm.safeParse({ file: formData?.get('file') })
  if (!form.success || form.data.file.name === '')
    return data<ActionResult>({ notice: 'noFile' }, { status: 400 })
  if (form.data.file.size > MAX_IMPORT_BYTES)
    return data<ActionResult>({ refused: tooLarge() }, { status: 413 })
  const saved = await saveUpload(
    db,
    user,
    form.data.file.name,
    new Uint8Array(await form.data.file.arrayBuffer()),
  )
  if (!saved.ok) return data<ActionResult>({ refused: saved.error }, { status: 400 })
  const started = await startJob(db, user, 'import_preview', { upload: saved.id })
  if (started.kind === 'forbidden') forbidden(started.action)
  throw redirect(`/import?job=${started.id}`)
}

export default function Import() {
  const { t } = useTranslation()
  const { preview, job, changed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const busy = useNavigation().state !== 'idle'
  const imported = preview?.kind === 'imported'
  // A file over the limit is refused before it is sent (the server would refuse it unread).
  const [tooBig, setTooBig] = useState(false)
  // A refused upload (an empty file, one too large) is told beside the file field, which takes
  // the focus: the submit button it was on is disabled while the upload goes, so it falls to the page.
  const fileInput = useFocusOnArrival<HTMLInputElement>(result && 'refused' in result ? result : null)
  const refused: ImportError | null = tooBig
    ? { row: 0, column: null, key: 'tooLarge', values: { limit: MAX_UPLOAD_BYTES / 1024 / 1024 } }
    : result && 'refused' in result
      ? result.refused
      : null
  return (
    <section className="import-page">
      <h1>{t('import.page.title')}</h1>
      {job ? <JobProgress key={job.id + job.state} job={job} /> : null}
      {changed ? (
        <p className="notice warning" role="alert">
          {t('import.page.changed')}
        </p>
      ) : null}
      {result && 'notice' in result ? (
        <p className="notice warning" role="alert">
          {t(`import.page.${result.notice}`)}
        </p>
      ) : null}
      {preview?.kind === 'not_found' ? (
        <p className="notice warning" role="alert">
          {t('import.page.notFound')}
        </p>
      ) : null}
      {preview && preview.kind !== 'not_found' ? <ImportPreview preview={preview} busy={busy} /> : null}
      <Form
        method="post"
        encType="multipart/form-data"
        action="/import"
        className="import-upload"
        onSubmit={(event) => {
          const input = event.currentTarget.elements.namedItem('file') as HTMLInputElement | null
          const over = (input?.files?.[0]?.size ?? 0) > MAX_UPLOAD_BYTES
          setTooBig(over)
          if (over) {
            event.preventDefault()
            input?.focus()
          }
        }}
      >
        {preview && preview.kind !== 'not_found' ? (
          <h2>{imported ? t('import.page.another') : t('import.page.uploadAgain')}</h2>
        ) : (
          <p>{t('import.page.intro')}</p>
        )}
        <p className="hint" id="import-format">
          {t('import.page.formatHelp')}
        </p>
        <label htmlFor="import-file">{t('import.page.file')}</label>
        <input
          ref={fileInput}
          id="import-file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={refused ? 'import-format import-refused' : 'import-format'}
          aria-invalid={refused ? true : undefined}
          onChange={() => setTooBig(false)}
        />
        {refused ? (
          <p className="field-error" id="import-refused" role="alert">
            {t('import.page.refused', {
              message: importErrorText(t, refused),
            })}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('import.page.upload')}
        </button>
        {imported ? (
          <p>
            <Link to="/items">{t('error.home')}</Link>
          </p>
        ) : null}
      </Form>
    </section>
  )
}
