import MarkdownIt from 'markdown-it'

// The comment markup: a small Markdown subset rendered to HTML on the server, the only HTML the
// item page puts into the document from a comment (docs/decisions/0007-comments.md).
// - markdown-it's 'zero' preset with only these rules on: paragraphs, line breaks, bold and
//   italic, bullet and numbered lists, inline code, links and bare URLs. Headings, images,
//   tables, block quotes and everything else stay plain text.
// - html: false, so any HTML typed is text (escaped), never markup: no tags, no attributes, no
//   event handlers can come from the user.
// - Links only to http, https and mailto; anything else (javascript:, data:, vbscript:, file:,
//   relative paths) is not made a link and stays text. The check runs on the destination after
//   markdown-it decoded its entities, so `&#106;avascript:` is refused like `javascript:`.
// - Every link opens with rel="nofollow noopener noreferrer" in a new tab.

const ALLOWED_LINK = /^(https?:\/\/|mailto:)/i

const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, typographer: false })
md.enable([
  'paragraph',
  'list',
  'newline',
  'emphasis',
  'link',
  'autolink',
  'linkify',
  'escape',
  'entity',
  'backticks',
])

md.validateLink = (url: string) => ALLOWED_LINK.test(url.trim())

// @mentions: `@` and a person's full name (the names passed to renderComment), not inside a word,
// becomes <span class="mention">@Name</span>. Longest name first, so "@Ann Lee" wins over "@Ann".
interface MentionEnv {
  names?: readonly string[]
}
md.inline.ruler.before('emphasis', 'mention', (state, silent) => {
  const { pos, src } = state
  if (src.charCodeAt(pos) !== 0x40 /* @ */) return false
  if (pos > 0 && /[\p{L}\p{N}_.@]/u.test(src[pos - 1]!)) return false
  const names = (state.env as MentionEnv).names ?? []
  const rest = src.slice(pos + 1).toLowerCase()
  const name = names.find(
    (n) => n && rest.startsWith(n.toLowerCase()) && !/[\p{L}\p{N}_]/u.test(src[pos + 1 + n.length] ?? ''),
  )
  if (!name) return false
  if (!silent) {
    const token = state.push('mention', '', 0)
    token.content = src.slice(pos + 1, pos + 1 + name.length)
  }
  state.pos += 1 + name.length
  return true
})
md.renderer.rules.mention = (tokens, idx) =>
  `<span class="mention">@${md.utils.escapeHtml(tokens[idx]!.content)}</span>`

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  token.attrSet('rel', 'nofollow noopener noreferrer')
  token.attrSet('target', '_blank')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

/**
 * The comment's text as safe HTML: only p, br, strong, em, ul, ol, li, code, a (http/https/mailto)
 * and span.mention for `@` followed by one of `names` (longest first; case-insensitive).
 */
export function renderComment(body: string, names: readonly string[] = []): string {
  const env: MentionEnv = { names: [...names].sort((a, b) => b.length - a.length) }
  return md.render(body, env)
}

/** The names of the people `@`-mentioned in a comment (for notifications, later). */
export function mentionedNames(body: string, names: readonly string[]): string[] {
  const html = renderComment(body, names)
  const found = [...html.matchAll(/<span class="mention">@([^<]*)<\/span>/g)].map((m) => m[1]!.toLowerCase())
  return names.filter((n) => found.some((f) => md.utils.escapeHtml(n).toLowerCase() === f))
}
