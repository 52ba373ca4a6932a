/** The parts of a wellbeing plan: form field, column, and the heading the person sees. */
export const PLAN_FIELDS = [
  ['keepsMeWell', 'keeps_me_well', 'What keeps me well'],
  ['earlySigns', 'early_signs', 'Early signs that I am not so well'],
  ['whatHelps', 'what_helps', 'What helps then'],
  ['whoToContact', 'who_to_contact', 'Who to contact'],
] as const;
