// linebreak (the Unicode line breaking algorithm, UAX #14; pdfkit's own breaker) ships no types:
// the part pdf-layout.server.ts uses.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string)
    nextBreak(): { position: number; required: boolean } | null
  }
}
