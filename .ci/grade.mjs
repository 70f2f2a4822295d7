// Grades plain text files with an implementation independent of
// healthsite's: sentences and words as retext-english parses them,
// syllables as the syllable package counts them, Flesch–Kincaid grade
// as the flesch-kincaid package computes it. Prints one JSON object,
// by file name: {words, sentences, syllables, grade}.
import {readFileSync} from 'node:fs'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import {visit} from 'unist-util-visit'
import {toString} from 'nlcst-to-string'
import {syllable} from 'syllable'
import {fleschKincaid} from 'flesch-kincaid'

const out = {}
for (const file of process.argv.slice(2)) {
  const tree = unified().use(retextEnglish).parse(readFileSync(file, 'utf8'))
  let sentence = 0, word = 0, syll = 0
  visit(tree, 'SentenceNode', () => { sentence++ })
  visit(tree, 'WordNode', node => {
    const w = toString(node)
    if (!/\p{L}/u.test(w)) return // a number is not a word to grade
    word++
    syll += syllable(w)
  })
  out[file] = {words: word, sentences: sentence, syllables: syll, grade: fleschKincaid({sentence, word, syllable: syll})}
}
console.log(JSON.stringify(out))
