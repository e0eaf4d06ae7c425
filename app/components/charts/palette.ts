// Okabe and Ito's palette, told apart by readers with the common colour-vision deficiencies, in
// their order (yellow darkened so text-sized marks stay readable), then grey for a ninth series.
// Colour is never the only cue: bars carry their value as text, segments have a white edge and
// a name, and every chart has its numbers as a table one click away.
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermilion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#8a6d00', // yellow, darkened
  '#1b1f24', // black
  '#8c959f', // grey
] as const

export function colourAt(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length]!
}
