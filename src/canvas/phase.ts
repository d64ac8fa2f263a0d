/**
 * A canvas' phase refines its step: 'smart' (goal feedback shown), 'samr' (medium placed on the ladder),
 * 'learn:N' (Nth learnings question). An "edit:" prefix marks a step opened to change it later, so the
 * answer returns the user to where they were instead of walking on step by step.
 */
export function isEdit(phase: string | null): boolean {
  return phase?.startsWith('edit:') ?? false;
}

export function subPhase(phase: string | null): string | null {
  const sub = phase?.replace(/^edit:/, '') ?? '';
  return sub || null;
}

export function withSub(phase: string | null, sub: string | null): string | null {
  return isEdit(phase) ? `edit:${sub ?? ''}` : sub;
}
