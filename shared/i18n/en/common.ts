/** Messages shared by every screen: the shell, the language picker, generic actions. */
export default {
  language: 'Language',
  languageHint: 'The language Roundtable uses for you on this device. Plan content stays as written.',
  loading: 'Loading…',
  close: 'Close',
  cancel: 'Cancel',
  save: 'Save',
  people_one: '{{count}} person',
  people_other: '{{count}} people',
};
