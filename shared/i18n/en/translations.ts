/**
 * Plan content in several languages (SPEC ML): the "Translations" editor, the "original: FR" tag
 * and the diff lines of translation changes.
 */
export default {
  lang: { en: 'English', fr: 'French', es: 'Spanish', ar: 'Arabic' },
  code: { en: 'EN', fr: 'FR', es: 'ES', ar: 'AR' },
  field: { title: 'title', body: 'text' },
  originalTag: 'original: {{code}}',
  originalTagLabel: 'Shown in the original language, {{lang}}: no translation in your language yet',
  planLanguage: "the plan's language",
  line: {
    translationAdded: '{{entity}}: {{field}} in {{lang}} added: {{to}}',
    translationEdited: '{{entity}}: {{field}} in {{lang}} edited',
    translationRemoved: '{{entity}}: {{field}} in {{lang}} removed (was {{from}})',
    translationOriginal: '{{entity}}: language of the original {{field}} {{from}} -> {{to}}',
  },
  ui: {
    openField: { title: 'Title translations', body: 'Text translations' },
    open: 'Translations',
    openOf: 'Translations of {{name}}',
    heading: 'Translations of the {{field}}',
    intro: 'Write the same text in other languages. Readers see their own language where it is written, and the original elsewhere.',
    original: 'Original',
    originalLanguage: 'Language of the original',
    planDefault: "The plan's language ({{lang}})",
    textIn: '{{field}} in {{lang}}',
    empty: 'Not translated yet',
    isOriginal: 'The original ({{lang}}) has no box here: edit the text itself.',
    close: 'Close',
    readOnly: 'You can read the translations; only editors and facilitators write them.',
    failed: 'The translations could not be opened: {{detail}}',
    shownTranslation: '{{lang}} translation, read only here',
    editingOriginal: 'Original ({{code}}), the text you edit here',
    originalBoxLabel: '{{label}}, original ({{lang}})',
    rowOriginal: 'Original ({{code}}), edited in the row:',
  },
};
