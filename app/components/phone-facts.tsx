/** Phone numbers as <dt>/<dd> entries of a facts list, each a tap-to-call link. */
import { telHref } from './format';

export interface PhoneFact {
  number: string;
  extension: string | null;
  description?: string | null;
}

export function PhoneFacts({
  phones,
  heading,
  callLabel,
}: {
  phones: PhoneFact[];
  heading: string;
  callLabel: (number: string) => string;
}) {
  if (phones.length === 0) return null;
  return (
    <>
      <dt>{heading}</dt>
      {phones.map((phone) => (
        <dd key={`${phone.number}-${phone.extension ?? ''}`}>
          <a href={telHref(phone.number, phone.extension)}>{callLabel(phone.number)}</a>
          {phone.description ? ` · ${phone.description}` : ''}
        </dd>
      ))}
    </>
  );
}
