// A browser's User-Agent as a person recognises it ("Firefox on Windows"), for the list of one's
// sessions. Only the families people use; anything else shows as "another browser".
//
// Most browsers name others beside themselves (Chrome's says "Safari/537.36", Edge's says
// "Chrome/… Safari/…"), so the order matters: the most particular first, Safari last and only
// when nothing else claims the string. Headless Chrome (Playwright, Puppeteer) says
// "HeadlessChrome/", which a word boundary before "Chrome" would miss.

const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera|OPiOS|OPT)\//, 'Opera'],
  [/\bYaBrowser\/|\bYaApp_(?:Android|iOS)\//, 'Yandex Browser'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/(?:\b|Headless)Chrom(?:e|ium)\/|\bCriOS\//, 'Chrome'],
  // Safari says "Version/… Safari/…" (with "Mobile/" on iOS); an Android WebView or an app's own
  // view that says only "Safari/" is not Safari.
  [/\bVersion\/[\d.]+ (?:Mobile\/\w+ )?Safari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
]

const SYSTEMS: Array<[RegExp, string]> = [
  [/\bAndroid\b/, 'Android'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
]

export interface BrowserLabel {
  browser: string | null
  system: string | null
}

export function describeUserAgent(userAgent: string | null | undefined): BrowserLabel {
  const ua = userAgent ?? ''
  return {
    browser: BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? null,
    system: SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null,
  }
}
