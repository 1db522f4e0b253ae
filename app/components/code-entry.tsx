/**
 * A form asking for an authenticator code (or a recovery code): the sign-in's second step
 * (staff.two-factor.tsx) and the security page's set-up, new recovery codes and turning two-factor
 * off (staff.security.tsx). One field, `code`, under the form's hidden values.
 */
import { Form } from '@remix-run/react';
import { FormField } from './form-field';

export function CodeEntryForm({
  id,
  hidden,
  label,
  hint,
  error,
  submit,
  primary = false,
  submitting = false,
}: {
  /** The field's id: unique when a page has several of these forms. */
  id?: string;
  /** Hidden fields sent with the code (`intent`, `redirectTo`). */
  hidden: Record<string, string>;
  label: string;
  hint?: string;
  /** This form's error, shown at the field. */
  error?: string;
  submit: string;
  primary?: boolean;
  /** Disables the button while the form is being sent. */
  submitting?: boolean;
}) {
  return (
    <Form method="post" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormField
        id={id}
        name="code"
        label={label}
        hint={hint}
        autoComplete="one-time-code"
        error={error}
        required
      />
      <button type="submit" className={primary ? 'button button-primary' : 'button'} disabled={submitting}>
        {submit}
      </button>
    </Form>
  );
}
