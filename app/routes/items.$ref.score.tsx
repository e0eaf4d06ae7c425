import type { ActionFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { parseWithZod } from '@conform-to/zod'
import type { SubmissionResult } from '@conform-to/react'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { forbidden, guard, notFound } from '~/permissions/guard.server'
import { ScoreForm } from '~/prioritisation/schema'
import { saveScore, withdrawScore, type ScoreOutcome } from '~/prioritisation/scores.server'

// A steering committee member's own score of an item (app/prioritisation). The item page posts
// here through a fetcher and shows a refusal beside the fields; a save, with or without
// JavaScript, comes back to the item. The selects are `required`, so without JavaScript the
// browser asks for a missing score before posting.

export interface ScoreFeedback {
  result: SubmissionResult<string[]>
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'score:write')
  const ref = params.ref ?? ''
  const formData = await request.formData()
  const db = await getDb()
  const back = `/items/${encodeURIComponent(ref)}`
  if (formData.get('intent') === 'withdraw') {
    const outcome = await withdrawScore(db, user, ref)
    if (outcome.kind === 'done')
      await setFlash(db, request, { key: 'feedback.scoreWithdrawn', values: { ref } })
    return answer(outcome, parseWithZod(formData, { schema: ScoreForm }).reply({ resetForm: true }), back)
  }
  const submission = parseWithZod(formData, { schema: ScoreForm })
  if (submission.status !== 'success')
    return data<ScoreFeedback>({ result: submission.reply() }, { status: 400 })
  const outcome = await saveScore(db, user, ref, submission.value)
  if (outcome.kind === 'done') await setFlash(db, request, { key: 'feedback.scored', values: { ref } })
  return answer(outcome, submission.reply(), back)
}

function answer(outcome: ScoreOutcome, result: SubmissionResult<string[]>, back: string) {
  switch (outcome.kind) {
    case 'done':
      // back to the item, whose loaders then show the new aggregate (a fetcher revalidates the same way)
      throw redirect(back)
    case 'not_found':
      notFound()
    case 'forbidden':
      return forbidden(outcome.action)
    case 'archived':
      return data<ScoreFeedback>(
        { result: { ...result, error: { '': ['priorities.archived'] } } },
        { status: 409 },
      )
  }
}

export function loader() {
  throw data({ notFound: true }, { status: 404 })
}
