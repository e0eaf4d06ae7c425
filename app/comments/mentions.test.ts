import { describe, expect, it } from 'vitest'
import { suggestMentions } from './mentions'

const NAMES = ['Ann Lee', 'Aigerim Bekova', 'Lee Chen', 'Nodira Karimova', 'Giorgi Beridze', 'Ashleen Moss']

describe('@mention suggestions', () => {
  it('match any part of a name, not only its start', () => {
    expect(suggestMentions(NAMES, 'lee')).toEqual(['Lee Chen', 'Ann Lee', 'Ashleen Moss'])
    expect(suggestMentions(NAMES, 'karim')).toEqual(['Nodira Karimova'])
    expect(suggestMentions(NAMES, 'BER')).toEqual(['Giorgi Beridze'])
  })

  it('put names starting with the text first, then word starts, then the rest', () => {
    expect(suggestMentions(NAMES, 'a')).toEqual([
      'Aigerim Bekova',
      'Ann Lee',
      'Ashleen Moss',
      'Nodira Karimova',
    ])
    // a word of the name starting with "k" ranks before a "k" inside a word
    expect(suggestMentions(NAMES, 'k')).toEqual(['Nodira Karimova', 'Aigerim Bekova'])
  })

  it('offer every name (up to the limit) before anything is typed, and none for a miss', () => {
    expect(suggestMentions(NAMES, '', 3)).toEqual(['Aigerim Bekova', 'Ann Lee', 'Ashleen Moss'])
    expect(suggestMentions(NAMES, 'zzz')).toEqual([])
  })
})
