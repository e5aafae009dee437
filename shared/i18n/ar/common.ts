/** رسائل مشتركة بين جميع الشاشات. */
export default {
  language: 'اللغة',
  languageHint: 'اللغة التي يستخدمها Roundtable لك على هذا الجهاز. يبقى محتوى الخطة كما كُتب.',
  loading: 'جارٍ التحميل…',
  close: 'إغلاق',
  cancel: 'إلغاء',
  save: 'حفظ',
  labelled: '{{label}}: {{value}}',
  colon: ':',
  people_zero: 'لا أحد',
  people_one: 'شخص واحد',
  people_two: 'شخصان',
  people_few: '{{count}} أشخاص',
  people_many: '{{count}} شخصًا',
  people_other: '{{count}} شخص',
};
