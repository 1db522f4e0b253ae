/**
 * A labelled control wired for assistive technology: its hint and error are announced with the
 * field (`aria-invalid`, `aria-describedby`). An input by default, or a select (its options as
 * children) or a textarea. Used by every staff form and the public forms; a password is never
 * echoed.
 */
import type { ReactNode } from 'react';

interface CommonProps {
  name: string;
  /** The control's id; `field-<name>` by default (give one when a page repeats a name). */
  id?: string;
  label: string;
  error?: string;
  autoComplete?: string;
  required?: boolean;
  hint?: string;
}

export type FieldProps = CommonProps &
  (
    | {
        as?: 'input';
        type?: 'text' | 'email' | 'password' | 'url' | 'tel';
        defaultValue?: string;
        maxLength?: number;
      }
    | { as: 'textarea'; defaultValue?: string; maxLength?: number; rows?: number }
    | { as: 'select'; defaultValue?: string; children: ReactNode }
  );

export function FormField(props: FieldProps) {
  const { name, label, error, autoComplete, required, hint } = props;
  const id = props.id ?? `field-${name}`;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const common = {
    id,
    name,
    autoComplete,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
  } as const;
  let control: ReactNode;
  if (props.as === 'select') {
    control = (
      <select {...common} defaultValue={props.defaultValue}>
        {props.children}
      </select>
    );
  } else if (props.as === 'textarea') {
    control = (
      <textarea {...common} rows={props.rows} maxLength={props.maxLength} defaultValue={props.defaultValue} />
    );
  } else {
    const type = props.type ?? 'text';
    control = (
      <input
        {...common}
        type={type}
        maxLength={props.maxLength}
        defaultValue={type === 'password' ? undefined : props.defaultValue}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      ) : null}
      {control}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The summary above a form that failed, focused so a screen reader reads it first. */
export function FormErrorSummary({ title, messages }: { title: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-error" role="alert" tabIndex={-1}>
      <p>{title}</p>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
