import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en'
import { COMMENT_MAX, CommentForm, commentFormId } from './schema'

function parse(fields: Record<string, string>) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return parseWithZod(form, { schema: CommentForm })
}

function errorsOf(submission: ReturnType<typeof parse>): Record<string, string[] | null> | null | undefined {
  return submission.status === 'error' ? submission.error : null
}

const messages = (key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en)

describe('comment form', () => {
  it('accepts a comment, a reply, an edit and a deletion; the text is trimmed', () => {
    expect(parse({ intent: 'comment:add', body: '  **Good**  ' })).toMatchObject({
      status: 'success',
      value: { intent: 'comment:add', body: '**Good**' },
    })
    expect(parse({ intent: 'comment:reply', parent: 'c1', body: 'Agreed' })).toMatchObject({
      status: 'success',
      value: { parent: 'c1', body: 'Agreed' },
    })
    expect(parse({ intent: 'comment:edit', comment: 'c1', body: 'Fixed' })).toMatchObject({
      status: 'success',
      value: { comment: 'c1', body: 'Fixed' },
    })
    expect(parse({ intent: 'comment:delete', comment: 'c1' })).toMatchObject({
      status: 'success',
      value: { comment: 'c1' },
    })
  })

  it('refuses an empty comment, or one of spaces only, with a clear message and keeps the text', () => {
    for (const body of ['', '   ', '\n\t ']) {
      const submission = parse({ intent: 'comment:add', body })
      expect(submission.status).toBe('error')
      expect(errorsOf(submission)?.body).toEqual(['comments.empty'])
      expect(submission.payload.body).toBe(body)
    }
    expect(errorsOf(parse({ intent: 'comment:add' }))?.body).toEqual(['comments.empty'])
    expect(errorsOf(parse({ intent: 'comment:reply', parent: 'c1', body: ' ' }))?.body).toEqual([
      'comments.empty',
    ])
    expect(errorsOf(parse({ intent: 'comment:edit', comment: 'c1', body: '' }))?.body).toEqual([
      'comments.empty',
    ])
    expect(messages('comments.empty')).toBe('Write a comment before posting it.')
  })

  it('refuses a comment over 10,000 characters, saying the limit, and keeps the text', () => {
    expect(parse({ intent: 'comment:add', body: 'x'.repeat(COMMENT_MAX) }).status).toBe('success')
    const long = 'x'.repeat(COMMENT_MAX + 1)
    const submission = parse({ intent: 'comment:add', body: long })
    expect(errorsOf(submission)?.body).toEqual(['comments.tooLong'])
    expect(submission.payload.body).toBe(long)
    expect(messages('comments.tooLong')).toBe('A comment can have at most 10,000 characters.')
    // surrounding spaces do not count
    expect(parse({ intent: 'comment:add', body: ` ${'x'.repeat(COMMENT_MAX)} ` }).status).toBe('success')
  })

  it('refuses an unknown intent', () => {
    expect(parse({ intent: 'comment:shout', body: 'x' }).status).toBe('error')
  })

  it('names the form a submission came from', () => {
    expect(commentFormId({ intent: 'comment:add' })).toBe('comment-new')
    expect(commentFormId({ intent: 'comment:reply', parent: 'c1' })).toBe('reply-c1')
    expect(commentFormId({ intent: 'comment:edit', comment: 'c2' })).toBe('edit-c2')
  })
})
