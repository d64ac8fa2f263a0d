import type { Form, Reply } from '../../core/reply.ts';

/** Field errors for the submitted form, when the core sent the same form back with errors. */
export function fieldErrors(replies: Reply[], form: Form): Record<string, string> | undefined {
  const again = replies.find(
    (r) => r.form?.id === form.id && r.form.errors && Object.keys(r.form.errors).length,
  );
  if (!again?.form?.errors) return undefined;
  const known = new Set(form.fields.map((f) => f.id));
  const errors = Object.fromEntries(Object.entries(again.form.errors).filter(([id]) => known.has(id)));
  return Object.keys(errors).length ? errors : undefined;
}
