// A small XML writer for the IATI file (docs/decisions/0032-iati-export.md): the file's shape is
// fixed and small, so a tree of plain objects rendered with strict escaping is all it takes; no
// XML library (and none of their entity or namespace surprises) is needed to write it.

export type Attrs = Record<string, string | number | null | undefined>
export interface XmlElement {
  name: string
  attrs: Attrs
  children: XmlChild[]
}
export type XmlChild = XmlElement | string | null | undefined | false

/** An element; attributes that are null or undefined are left out, as are empty children. */
export function el(name: string, attrs: Attrs = {}, ...children: Array<XmlChild | XmlChild[]>): XmlElement {
  return { name, attrs, children: children.flat() }
}

// XML 1.0 forbids most control characters even escaped; the register refuses them on input,
// and this keeps a file valid whatever reached the database another way.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

export function escapeText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

/** The element as indented XML text. */
export function render(node: XmlElement, depth = 0): string {
  const pad = '  '.repeat(depth)
  const attrs = Object.entries(node.attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttr(String(value))}"`)
    .join('')
  const children = node.children.filter((c): c is XmlElement | string => typeof c === 'string' || !!c)
  if (children.length === 0) return `${pad}<${node.name}${attrs}/>`
  if (children.every((c) => typeof c === 'string'))
    return `${pad}<${node.name}${attrs}>${escapeText(children.join(''))}</${node.name}>`
  const inner = children
    .map((c) => (typeof c === 'string' ? `${pad}  ${escapeText(c)}` : render(c, depth + 1)))
    .join('\n')
  return `${pad}<${node.name}${attrs}>\n${inner}\n${pad}</${node.name}>`
}

/** An XML comment; "--" cannot appear inside one. */
export function comment(text: string, depth = 0): string {
  return `${'  '.repeat(depth)}<!-- ${escapeText(text).replace(/-{2,}/g, '-')} -->`
}
