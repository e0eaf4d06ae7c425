import { createElement as h } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Field } from './forms'

// Tests include *.test.ts only, hence createElement rather than JSX.
const describedBy = (html: string) => /<input[^>]*aria-describedby="([^"]*)"/.exec(html)?.[1]

// conform's field metadata is a proxy with no own keys: its values come only from the getter.
const conformLike = (values: { id: string; errorId: string; errors?: string[] }) =>
  new Proxy({} as typeof values, { get: (_, key) => values[key as keyof typeof values] })

describe('Field bound to a form field', () => {
  const field = conformLike({ id: 'f-title', errorId: 'f-title-error' })

  it('labels the control and points it at its hint', () => {
    const html = renderToStaticMarkup(
      h(Field, {
        field,
        label: 'Title',
        hint: 'At most 300 characters',
        children: h('input', { id: 'f-title' }),
      }),
    )
    expect(html).toContain('<label for="f-title">Title</label>')
    expect(html).toContain('<p class="hint" id="f-title-hint">At most 300 characters</p>')
    expect(describedBy(html)).toBe('f-title-hint')
  })

  it('adds the error to what the control already names, once each', () => {
    const html = renderToStaticMarkup(
      h(Field, {
        field: conformLike({ id: 'f-title', errorId: 'f-title-error', errors: ['Title is required'] }),
        label: 'Title',
        hint: 'Hint',
        children: h('input', { id: 'f-title', 'aria-describedby': 'sources-hint f-title-error' }),
      }),
    )
    expect(describedBy(html)?.split(' ').sort()).toEqual(['f-title-error', 'f-title-hint', 'sources-hint'])
    expect(html).toContain('class="field invalid"')
    expect(html).toContain('id="f-title-error" class="field-errors" role="alert"')
  })

  it('leaves a valid control with no hint undescribed', () => {
    const html = renderToStaticMarkup(
      h(Field, { field, label: 'Title', children: h('input', { id: 'f-title' }) }),
    )
    expect(html).not.toContain('aria-describedby')
    expect(html).not.toContain('field-errors')
  })
})
