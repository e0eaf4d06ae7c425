import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'
import type { CommentThread, CommentView } from '~/comments/comments.server'
import { CommentForm } from '~/comments/schema'
import { suggestMentions } from '~/comments/mentions'
import { formatUtc } from '~/i18n/format'
import { messageKey } from '~/i18n/keys'

/** What the item page's action answers to a comment form: its errors (or its reset), and any refusal. */
export interface CommentFeedback {
  /** the form the submission came from (commentFormId) */
  formId: string
  result: SubmissionResult<string[]>
  /** a translation key when the write was refused (not yours, archived item, ...) */
  refusal: string | null
}

/**
 * The item's comments: threads with their replies, oldest first. The comment text is HTML made
 * on the server by app/comments/markup.server.ts from the markup typed (never the user's own
 * HTML), and only that is put in the page as HTML.
 */
export function Comments({
  threads,
  canComment,
  mentionable,
  feedback,
}: {
  threads: CommentThread[]
  canComment: boolean
  mentionable: string[]
  feedback: CommentFeedback | null
}) {
  const { t } = useTranslation()
  const resultFor = (formId: string) => (feedback?.formId === formId ? feedback.result : null)
  return (
    <div className="comments">
      {feedback?.refusal ? (
        <p className="form-error" role="alert">
          {t(messageKey(feedback.refusal))}
        </p>
      ) : null}
      {threads.length ? (
        <ol className="comment-threads">
          {threads.map((thread) => (
            <li key={thread.id} className="comment-thread">
              <Comment
                comment={thread}
                resultFor={resultFor}
                canComment={canComment}
                mentionable={mentionable}
              />
              {thread.replies.length ? (
                <ol className="comment-replies" aria-label={t('comments.repliesTo', { who: thread.author })}>
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>
                      <Comment
                        comment={reply}
                        resultFor={resultFor}
                        canComment={canComment}
                        mentionable={mentionable}
                      />
                    </li>
                  ))}
                </ol>
              ) : null}
              {canComment ? (
                <details
                  className="comment-reply"
                  open={resultFor(`reply-${thread.id}`) !== null || undefined}
                >
                  <summary>{t('comments.reply')}</summary>
                  <CommentBox
                    mentionable={mentionable}
                    id={`reply-${thread.id}`}
                    intent="comment:reply"
                    hidden={{ parent: thread.id }}
                    label={t('comments.replyLabel')}
                    submit={t('comments.postReply')}
                    lastResult={resultFor(`reply-${thread.id}`)}
                  />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('comments.none')}</p>
      )}
      {canComment ? (
        <CommentBox
          mentionable={mentionable}
          id="comment-new"
          intent="comment:add"
          label={t('comments.label')}
          submit={t('comments.post')}
          lastResult={resultFor('comment-new')}
        />
      ) : null}
    </div>
  )
}

function Comment({
  comment,
  resultFor,
  canComment,
  mentionable,
}: {
  comment: CommentView
  resultFor: (formId: string) => SubmissionResult<string[]> | null
  canComment: boolean
  mentionable: string[]
}) {
  const { t, i18n } = useTranslation()
  return (
    <article
      className="comment"
      id={`comment-${comment.id}`}
      aria-label={t('comments.by', { who: comment.author })}
    >
      <p className="comment-meta muted">
        <strong>{comment.author}</strong> ·{' '}
        <time dateTime={comment.createdAt}>{formatUtc(comment.createdAt, i18n.language)}</time>
        {comment.editedAt ? ` · ${t('comments.edited')}` : ''}
      </p>
      {comment.deleted ? (
        <p className="comment-deleted muted">{t('comments.deleted')}</p>
      ) : (
        // Safe: made on the server by renderComment (markdown-it, HTML off, http/https/mailto links only).
        <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {canComment && (comment.canEdit || comment.canDelete) ? (
        <div className="comment-actions">
          {comment.canEdit ? (
            <details
              key={comment.editedAt ?? 'original'}
              open={resultFor(`edit-${comment.id}`) !== null || undefined}
            >
              <summary>{t('comments.edit')}</summary>
              <CommentBox
                mentionable={mentionable}
                id={`edit-${comment.id}`}
                intent="comment:edit"
                hidden={{ comment: comment.id }}
                label={t('comments.editLabel')}
                submit={t('comments.save')}
                defaultBody={comment.body}
                lastResult={resultFor(`edit-${comment.id}`)}
              />
            </details>
          ) : null}
          {comment.canDelete ? (
            <Form method="post" className="comment-delete">
              <input type="hidden" name="intent" value="comment:delete" />
              <input type="hidden" name="comment" value={comment.id} />
              <button type="submit" className="link-button danger">
                {t('comments.delete')}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </article>
  )
}

/** The `@` and name typed so far just before the caret, or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[^\p{L}\p{N}_.@])@([^@\n]{0,40})$/u.exec(text.slice(0, caret))
  if (!match) return null
  return { start: caret - match[2]!.length - 1, query: match[2]! }
}

function CommentBox({
  id,
  intent,
  hidden = {},
  label,
  submit,
  defaultBody,
  lastResult,
  mentionable,
}: {
  mentionable: string[]
  id: string
  intent: 'comment:add' | 'comment:reply' | 'comment:edit'
  hidden?: Record<string, string>
  label: string
  submit: string
  defaultBody?: string
  lastResult: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: { body: defaultBody ?? '' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CommentForm }),
  })
  const box = useRef<HTMLTextAreaElement>(null)
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null)
  const suggestions = mention ? suggestMentions(mentionable, mention.query) : []
  const lookForMention = () => {
    const el = box.current
    setMention(el ? mentionQuery(el.value, el.selectionStart ?? el.value.length) : null)
  }
  const insertMention = (name: string) => {
    const el = box.current
    if (!el || !mention) return
    const caret = mention.start + 1 + mention.query.length
    el.value = `${el.value.slice(0, mention.start)}@${name} ${el.value.slice(caret)}`
    const at = mention.start + name.length + 2
    el.focus()
    el.setSelectionRange(at, at)
    el.dispatchEvent(new Event('input', { bubbles: true }))
    setMention(null)
  }
  const busy =
    navigation.state === 'submitting' &&
    navigation.formData?.get('intent') === intent &&
    Object.entries(hidden).every(([k, v]) => navigation.formData?.get(k) === v)
  return (
    <Form method="post" {...getFormProps(form)} className="comment-form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {form.errors?.length ? (
        <p className="form-error" role="alert">
          {form.errors.map((e) => t(messageKey(e))).join(' ')}
        </p>
      ) : null}
      <Field field={fields.body} label={label} hint={t('comments.hint')}>
        <textarea
          {...getTextareaProps(fields.body)}
          ref={box}
          rows={3}
          className="wide"
          onInput={lookForMention}
          onKeyUp={lookForMention}
          onClick={lookForMention}
        />
      </Field>
      {suggestions.length ? (
        <ul className="mention-suggestions" aria-label={t('comments.mentionSuggestions')}>
          {suggestions.map((name) => (
            <li key={name}>
              <button type="button" className="link-button" onClick={() => insertMention(name)}>
                @{name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="submit" disabled={busy}>
        {submit}
      </button>
    </Form>
  )
}
