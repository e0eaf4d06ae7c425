import { createElement, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react'

// The portfolio page's table and filter options are about 2,400 of its 2,600 elements. React's
// server renderer spends several microseconds on each element, and writes every tag, attribute
// name, value and text into its output buffer as a string of its own (one TextEncoder call each):
// about two fifths of the page's server time (docs/performance.md, "Issue 13: the page's table and
// filter options as one string each (decision 0059)"). Those parts are plain elements built by
// plain calls (no component, hook or context below them), so on the server they are written here
// as one string, which React then sends as it is (`dangerouslySetInnerHTML`); in the browser the
// same elements are rendered, and hydrated against that markup, by React as before.
//
// The markup must be exactly React's (18.3, react-dom/server): the browser hydrates it node by node.
// It follows React's rules for what it supports, and answers null for anything else, which is then
// rendered by React: a component, a context, Suspense, a prop it does not know, style, select,
// option, textarea or a void element other than input. static-markup.test.ts holds it to React's
// own output for the table and the filter options, in every language.

const ESCAPED: Record<string, string> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&#x27;',
  '<': '&lt;',
  '>': '&gt;',
}
const TO_ESCAPE = /["&'<>]/

/** React's escapeTextForBrowser, for text and attribute values. */
function escape(value: string | number): string {
  if (typeof value === 'number') return String(value)
  return TO_ESCAPE.test(value) ? value.replace(/["&'<>]/g, (ch) => ESCAPED[ch]!) : value
}

/** Props written under another attribute name, or as given; booleans are dropped for these (React's string attributes). */
const STRING_ATTRIBUTES: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  tabIndex: 'tabindex',
  href: 'href',
  id: 'id',
  lang: 'lang',
  name: 'name',
  role: 'role',
  scope: 'scope',
  title: 'title',
  type: 'type',
  // not one of React's known properties: written with its name as given
  dateTime: 'dateTime',
}

/** Elements whose start tag React writes with generic rules (no special handling in react-dom/server). */
const GENERIC = new Set([
  'a',
  'caption',
  'details',
  'div',
  'fieldset',
  'label',
  'legend',
  'p',
  'span',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'time',
  'tr',
])

class Unsupported extends Error {}

/** One attribute as React writes it (pushAttribute), or '' when React leaves it out. */
function attribute(name: string, value: unknown): string {
  if (value == null) return ''
  if (name.length > 2 && (name[0] === 'o' || name[0] === 'O') && (name[1] === 'n' || name[1] === 'N'))
    return ''
  const known = STRING_ATTRIBUTES[name]
  if (known !== undefined) {
    if (typeof value === 'string' || typeof value === 'number') return ` ${known}="${escape(value)}"`
    if (typeof value === 'boolean' || typeof value === 'function') return ''
    throw new Unsupported(name)
  }
  if (/^(aria|data)-[a-z][a-z-]*$/.test(name)) {
    if (typeof value === 'string' || typeof value === 'number') return ` ${name}="${escape(value)}"`
    if (typeof value === 'boolean') return ` ${name}="${String(value)}"`
    if (typeof value === 'function') return ''
  }
  throw new Unsupported(name)
}

/** React's `checked` (a boolean attribute): present and empty when true. */
function checkedAttribute(value: unknown): string {
  if (typeof value === 'function') return ''
  return value ? ' checked=""' : ''
}

function input(props: Record<string, unknown>): string {
  let out = '<input'
  let checked: unknown = null
  let defaultChecked: unknown = null
  let value: unknown = null
  let defaultValue: unknown = null
  for (const name in props) {
    const prop = props[name]
    if (prop == null) continue
    switch (name) {
      case 'children':
      case 'dangerouslySetInnerHTML':
        throw new Unsupported(name)
      case 'checked':
        checked = prop
        break
      case 'defaultChecked':
        defaultChecked = prop
        break
      case 'value':
        value = prop
        break
      case 'defaultValue':
        defaultValue = prop
        break
      default:
        out += attribute(name, prop)
    }
  }
  if (checked !== null) out += checkedAttribute(checked)
  else if (defaultChecked !== null) out += checkedAttribute(defaultChecked)
  const shown = value ?? defaultValue
  if (shown !== null) {
    if (typeof shown !== 'string' && typeof shown !== 'number') throw new Unsupported('value')
    out += ` value="${escape(shown)}"`
  }
  return out + '/>'
}

/** Writes `node` into `out`; answers whether the last thing written was text (React's lastPushedText). */
function write(node: ReactNode, out: string[], afterText: boolean): boolean {
  if (node == null || typeof node === 'boolean') return afterText
  if (typeof node === 'string' || typeof node === 'number') {
    const text = String(node)
    if (text === '') return afterText
    // two texts side by side: React separates them so that the browser keeps two text nodes
    if (afterText) out.push('<!-- -->')
    out.push(escape(text))
    return true
  }
  if (Array.isArray(node)) {
    for (const child of node) afterText = write(child as ReactNode, out, afterText)
    return afterText
  }
  if (!isValidElement(node)) throw new Unsupported(typeof node)
  const element = node as ReactElement<Record<string, unknown>>
  const props = element.props
  if (element.type === Fragment) return write(props.children as ReactNode, out, afterText)
  if (element.type === 'input') {
    out.push(input(props))
    return false
  }
  if (typeof element.type !== 'string' || !GENERIC.has(element.type))
    throw new Unsupported(String(element.type))
  let start = `<${element.type}`
  let children: unknown = null
  for (const name in props) {
    const prop = props[name]
    if (prop == null) continue
    if (name === 'children') children = prop
    else start += attribute(name, prop)
  }
  out.push(start + '>')
  if (typeof children === 'string') out.push(escape(children))
  else write(children as ReactNode, out, false)
  out.push(`</${element.type}>`)
  return false
}

/**
 * The HTML React's server renderer writes for `node`'s plain elements, text, arrays and
 * fragments, or null when it holds anything this does not write as React does.
 */
export function staticMarkup(node: ReactNode): string | null {
  const out: string[] = []
  try {
    write(node, out, false)
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
  return out.join('')
}

/**
 * `<tag {...props}>{children}</tag>`. On the server, plain children are written by staticMarkup
 * as one string; in the browser (and for children it cannot write) React renders them.
 */
export function staticElement(
  tag: string,
  props: Record<string, unknown>,
  children: ReactNode,
): ReactElement {
  if (import.meta.env.SSR) {
    const html = staticMarkup(children)
    if (html !== null) return createElement(tag, { ...props, dangerouslySetInnerHTML: { __html: html } })
  }
  return createElement(tag, props, children)
}
