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
md.enable(['paragraph', 'list', 'newline', 'emphasis', 'link', 'autolink', 'linkify', 'escape', 'entity', 'backticks'])

md.validateLink = (url: string) => ALLOWED_LINK.test(url.trim())

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  token.attrSet('rel', 'nofollow noopener noreferrer')
  token.attrSet('target', '_blank')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

/** The comment's text as safe HTML: only p, br, strong, em, ul, ol, li, code and a (http/https/mailto). */
export function renderComment(body: string): string {
  return md.render(body)
}
