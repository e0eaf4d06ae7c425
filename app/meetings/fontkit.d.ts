// fontkit (a dependency of pdfkit, used directly by fonts.server.ts) ships no types: the one
// function the pack uses.
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown
}
