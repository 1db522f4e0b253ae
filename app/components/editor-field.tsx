/**
 * One field of the listing editor: label, hint, the input itself (as children), its error and
 * an optional note beside it. The note is how a loader puts something next to a field without
 * the form knowing why: "what the other person saved" on the conflict page, and later
 * "suggested by a member of the public" from a correction (`fieldNotes` in the loader data).
 */
import type { ReactNode } from 'react';

export interface EditorFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  note?: string;
  /** A group of checkboxes or radios: a fieldset with a legend instead of a label. */
  group?: boolean;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

export function EditorField({ id, label, hint, error, note, group, children }: EditorFieldProps) {
  const described = [hint ? `${id}-hint` : null, note ? `${id}-note` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  const aria = {
    id,
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(described ? { 'aria-describedby': described } : {}),
  };
  const extras = (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      ) : null}
      {note ? (
        <p id={`${id}-note`} className="field-note">
          {note}
        </p>
      ) : null}
    </>
  );
  const errorText = error ? (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  ) : null;
  if (group)
    return (
      <fieldset className="field" aria-describedby={described || undefined}>
        <legend>{label}</legend>
        {extras}
        {children({ id })}
        {errorText}
      </fieldset>
    );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {extras}
      {children(aria)}
      {errorText}
    </div>
  );
}
