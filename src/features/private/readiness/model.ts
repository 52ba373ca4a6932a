/** The outcomes of a readiness conversation, as the participant and facilitator see them. */
export const OUTCOMES = [
  { value: 'ready', label: 'Ready' },
  { value: 'ready_with_support', label: 'Ready, with support we agreed' },
  { value: 'not_now', label: 'Not now' },
] as const;

export const outcomeLabel = (value: string): string | undefined => OUTCOMES.find((o) => o.value === value)?.label;
