/** Messages shared by every screen: the shell, the language picker, generic actions. */
export default {
  language: 'Language',
  languageHint: 'The language Roundtable uses for you on this device. Plan content stays as written.',
  loading: 'Loading…',
  close: 'Close',
  cancel: 'Cancel',
  save: 'Save',
  /** A label and its value joined in code (L51): French puts a narrow no-break space before the colon. */
  labelled: '{{label}}: {{value}}',
  /** A colon after a label shown in markup (L51). */
  colon: ':',
  people_one: '{{count}} person',
  people_other: '{{count}} people',
};
