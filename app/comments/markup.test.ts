import { describe, expect, it } from 'vitest'
import { mentionedNames, renderComment } from './markup.server'

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'code', 'a', 'span'])

/** Every tag in the output is one of the allowed ones, with no attributes but a link's. */
function expectOnlySafeMarkup(html: string) {
  for (const [, closing, name, attrs] of html.matchAll(/<(\/?)([a-zA-Z0-9-]+)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(name!.toLowerCase()), `tag <${name}> in ${html}`).toBe(true)
    if (closing) {
      expect(attrs, html).toBe('')
    } else if (name === 'a') {
      expect(attrs, html).toMatch(
        /^ href="(https?:\/\/|mailto:)[^"]*"( title="[^"]*")? rel="nofollow noopener noreferrer" target="_blank"$/,
      )
    } else if (name === 'span') {
      expect(attrs, html).toBe(' class="mention"')
    } else {
      expect(attrs!.replace(/\s*\/$/, ''), `attributes on <${name}> in ${html}`).toBe('')
    }
  }
  expect(html).not.toMatch(/<script/i)
  // an attribute named on...: outside quoted values (a quote inside a value is always &quot;)
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+\s*=/i)
  expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i)
}

describe('comment markup', () => {
  it('renders bold, italic, lists, line breaks, inline code and links', () => {
    expect(renderComment('**bold** and *italic*')).toBe('<p><strong>bold</strong> and <em>italic</em></p>\n')
    expect(renderComment('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n')
    expect(renderComment('1. first\n2. second')).toBe('<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n')
    expect(renderComment('line one\nline two')).toBe('<p>line one<br>\nline two</p>\n')
    expect(renderComment('use `code`')).toBe('<p>use <code>code</code></p>\n')
    expect(renderComment('[ADB](https://www.adb.org/projects)')).toBe(
      '<p><a href="https://www.adb.org/projects" rel="nofollow noopener noreferrer" target="_blank">ADB</a></p>\n',
    )
    expect(renderComment('see https://carecprogram.org/ now')).toContain(
      '<a href="https://carecprogram.org/" rel="nofollow noopener noreferrer" target="_blank">https://carecprogram.org/</a>',
    )
    expect(renderComment('[write](mailto:secretariat@carec.org)')).toContain(
      'href="mailto:secretariat@carec.org"',
    )
  })

  it('leaves headings, images, tables, quotes and raw HTML as text', () => {
    for (const input of [
      '# Title',
      '![x](https://example.org/x.png)',
      '> quoted',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '<b>hi</b>',
    ]) {
      const html = renderComment(input)
      expectOnlySafeMarkup(html)
      expect(html.startsWith('<p>'), `${input} -> ${html}`).toBe(true)
    }
    expect(renderComment('<b>hi</b>')).toBe('<p>&lt;b&gt;hi&lt;/b&gt;</p>\n')
  })

  it('shows script tags as text', () => {
    expect(renderComment('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n')
    expect(renderComment('<SCRIPT src="https://evil.example/x.js"></SCRIPT>')).not.toMatch(/<script/i)
    expect(renderComment('**<script>alert(1)</script>**')).toBe(
      '<p><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong></p>\n',
    )
    expect(renderComment('- <script>alert(1)</script>')).toBe(
      '<ul>\n<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>\n</ul>\n',
    )
  })

  it('never makes an event handler', () => {
    const payloads = [
      '<img src=x onerror=alert(1)>',
      '<a href="https://ok.example" onclick="alert(1)">x</a>',
      '<svg/onload=alert(1)>',
      '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
      '[x](https://ok.example" onmouseover="alert(1))',
      '<div style="x" onmouseover="alert(1)">hover</div>',
    ]
    for (const payload of payloads) expectOnlySafeMarkup(renderComment(payload))
    expect(renderComment('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n')
  })

  it('makes no link of javascript:, data:, vbscript:, file: or relative destinations', () => {
    const payloads = [
      '[x](javascript:alert(1))',
      '[x](JavaScript:alert(1))',
      '[x]( javascript:alert(1))',
      '[x](java\tscript:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](&#x6A;avascript&#58;alert(1))',
      '[x](javascript&colon;alert(1))',
      '[x](%6Aavascript:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x](vbscript:msgbox(1))',
      '[x](file:///etc/passwd)',
      '[x](/items/CITA-01-a)',
      '[x](//evil.example)',
      '<javascript:alert(1)>',
      '<data:text/html,<script>alert(1)</script>>',
      'javascript:alert(1)',
    ]
    for (const payload of payloads) {
      const html = renderComment(payload)
      expectOnlySafeMarkup(html)
      expect(html, `${payload} -> ${html}`).not.toContain('<a ')
    }
  })

  it('keeps HTML entities as text and escapes what would be markup', () => {
    expect(renderComment('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    )
    expect(renderComment('AT&T & "quotes" \'single\'')).toBe(
      "<p>AT&amp;T &amp; &quot;quotes&quot; 'single'</p>\n",
    )
    expect(renderComment('&#60;img src=x onerror=alert(1)&#62;')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>\n',
    )
    expect(renderComment('`<script>`')).toBe('<p><code>&lt;script&gt;</code></p>\n')
    const quoted = renderComment('[x](https://ok.example/?q="><script>alert(1)</script>)')
    expectOnlySafeMarkup(quoted)
    expect(quoted).not.toContain('"><')
  })

  it('renders text in any script and nothing for an empty body', () => {
    expect(renderComment('Проект **одобрен** 项目')).toBe('<p>Проект <strong>одобрен</strong> 项目</p>\n')
    expect(renderComment('')).toBe('')
  })

  describe('mentions', () => {
    const names = ['Nurlan Abenov', 'Ann', 'Ann Lee', '<img src=x onerror=alert(1)>']
    it('marks @ and a known name, longest first, whatever the case', () => {
      expect(renderComment('Thanks @Nurlan Abenov!', names)).toBe(
        '<p>Thanks <span class="mention">@Nurlan Abenov</span>!</p>\n',
      )
      expect(renderComment('@ann lee and @Ann', names)).toBe(
        '<p><span class="mention">@ann lee</span> and <span class="mention">@Ann</span></p>\n',
      )
      expect(mentionedNames('cc @Nurlan Abenov, @ann', names)).toEqual(['Nurlan Abenov', 'Ann'])
    })
    it('leaves unknown names, e-mail addresses and names inside words alone', () => {
      expect(renderComment('@Nobody here', names)).toBe('<p>@Nobody here</p>\n')
      expect(renderComment('write to x@Ann.org', names)).not.toContain('mention')
      expect(renderComment('@Annette', names)).toBe('<p>@Annette</p>\n')
      expect(renderComment('`@Ann`', names)).toBe('<p><code>@Ann</code></p>\n')
    })
    it('escapes a name that looks like HTML', () => {
      const html = renderComment('@<img src=x onerror=alert(1)>', names)
      expectOnlySafeMarkup(html)
      expect(html).toBe('<p><span class="mention">@&lt;img src=x onerror=alert(1)&gt;</span></p>\n')
    })
  })
})
