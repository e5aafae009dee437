/** أسباب رفض بوابة التحديثات (SPEC G وST2 وCM2 وCO1 وCO2؛ L25)، حسب القاعدة والرمز. */
export default {
  G1: {
    'unknown-place': 'يقع هذا التغيير في موضع لا يحوي شيئًا من الخطة',
    'unknown-place_field': '{{place}}: لا شيء من الخطة في «{{field}}»',
  },
  G2: {
    incomplete: 'يعتمد هذا التغيير على محتوى ليس لدى الخادم',
  },
  G3: {
    'lock-flag': 'لا يحق إلا للميسّر اعتماد المعايير أو سحب الاعتماد',
  },
  G4: {
    'server-key': 'يحدد الخادم وحده هذا الجزء من الخطة',
    'server-key_field': 'يحدد الخادم وحده الحقل «{{field}}» في الخطة',
  },
  G5: {
    'criteria-locked': 'المعايير مقفلة: اعتمدتها اللجنتان كلتاهما',
  },
  G6: {
    'foreign-score': 'لا يحق للاتصال أن يكتب إلا درجات المشارك المرتبط به',
  },
  G7: {
    'agreed-score': 'لا يحق إلا للميسّر تسجيل درجة متفق عليها',
  },
  G8: {
    'out-of-domain': 'هذه القيمة غير مسموح بها هنا',
    'out-of-domain_field': '{{place}}: لا يقبل «{{field}}» هذه القيمة',
    'out-of-domain_place': '{{place}}: هذه القيمة غير مناسبة',
    'out-of-domain_requirement': 'يجب أن يتضمن المتطلب نوعًا ووصفًا وترتيبًا، وكلها صالحة',
  },
  G9: {
    'too-long': 'نص أطول مما تسمح به الخطة',
    'too-long_field': '{{place}}: الحد الأقصى لعدد أحرف «{{field}}» هو {{limit}}',
  },
  G10: {
    'plan-too-large': 'ستتجاوز الخطة أكبر حجم يحفظه هذا الخادم',
    'plan-too-large_size': 'لا يجوز أن يتجاوز حجم الخطة {{bytes}} بايت',
  },
  G11: {
    'foreign-client': 'كُتب هذا التغيير بمعرّف اتصال مفتوح آخر',
  },
  G12: {
    'facilitator-setting': 'لا يحق إلا للميسّر تغيير هذا الإعداد من إعدادات الخطة',
    'facilitator-setting_anonymous': 'لا يحق إلا للميسّر تشغيل التقييم المجهول الهوية أو إيقافه',
    'facilitator-setting_named': 'لا يحق إلا للميسّر تحديد من يرى الدرجات الفردية بأسماء أصحابها',
    'facilitator-setting_language': 'لا يحق إلا للميسّر تغيير لغة تصدير الخطة',
  },
  ST2: {
    'stage-move': 'لا يحق إلا للميسّر نقل الخطة إلى مرحلة أخرى',
    'facilitator-setting': 'لا يحق إلا للميسّر تحديد من ينقل الخطة إلى مرحلة أخرى',
  },
  CM2: {
    'server-only': 'تُكتب التعليقات في خانة التعليق، لا بتغيير الخطة مباشرة',
  },
  CO1: {
    'facilitator-only': 'لا يحق إلا للميسّر فتح جولة تشاور أو تغييرها أو إغلاقها',
  },
  CO2: {
    'server-only': 'تُكتب التوصيات والتأييد والأسئلة في لوحة التشاور، لا بتغيير الخطة مباشرة',
  },
  places: {
    meta: 'الخطة',
    participants: 'مشارك',
    criteria: 'معيار',
    nodes: 'صف في المصفوفة',
    scores: 'درجة',
    agreed: 'درجة متفق عليها',
    indicators: 'مؤشر',
    reviews: 'مراجعة',
    activityReports: 'تقرير نشاط',
    indicatorReadings: 'قراءة مؤشر',
    sections: 'قسم من خطة العمل الوطنية',
    fundingLines: 'بند تمويل',
    exchangeRates: 'سعر صرف',
    stakeholders: 'جهة معنية',
    bodies: 'هيئة',
    meetings: 'اجتماع',
    decisions: 'قرار',
    deliverables: 'مُخرَج',
    answers: 'إجابة',
    comments: 'تعليق',
    sectorAnswers: 'إجابة في قائمة التحقق القطاعية',
    libraryEntries: 'مدخل في المكتبة',
    consultRounds: 'جولة تشاور',
    recommendations: 'توصية',
    reactions: 'تفاعل',
    translations: 'ترجمة',
  },
};
