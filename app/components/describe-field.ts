/**
 * A logical field's value in plain words, in the page's language: for the conflict page ("what
 * the other person saved") and the history page (before/after). Client-safe.
 */
import { editorMessages, type EditorKey } from '~/i18n/messages/editor';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { type Locale, translator } from '~/i18n/i18n';
import { closureText } from '~/listings/editor/hours-form';
import type { FieldName, FormValues } from '~/listings/editor/schema';
import { WEEKDAYS } from '~/search/hours';

/** The label of each logical field. */
export const FIELD_LABEL: Record<FieldName, EditorKey> = {
  name: 'name',
  description: 'description',
  categories: 'categories',
  populations: 'populations',
  eligibility: 'eligibility',
  ages: 'ages',
  languages: 'languages',
  costs: 'costs',
  fees: 'fees',
  applicationProcess: 'applicationProcess',
  delivery: 'delivery',
  serviceArea: 'coverage',
  phones: 'phones',
  email: 'email',
  url: 'url',
  status: 'status',
  location: 'sectionLocation',
  accessibility: 'accessibility',
  hours: 'sectionHours',
};

export function describeField<F extends FieldName>(
  locale: Locale,
  field: F,
  value: FormValues[F] | null,
): string {
  const t = translator(editorMessages, locale);
  const tt = translator(taxonomyMessages, locale);
  const list = (items: string[]) => (items.length === 0 ? t('empty') : items.join(', '));
  if (value === null || value === undefined) return t('empty');
  const v = value as FormValues[FieldName];
  switch (field) {
    case 'categories':
      return list((v as string[]).map((slug) => tt(`category.${slug}` as never)));
    case 'populations':
      return list((v as string[]).map((slug) => tt(`population.${slug}` as never)));
    case 'costs':
      return list((v as string[]).map((slug) => t(`cost.${slug}` as EditorKey)));
    case 'delivery':
      return list(
        (v as string[]).map((mode) =>
          t(
            mode === 'in_person'
              ? 'deliveryInPerson'
              : mode === 'phone'
                ? 'deliveryPhone'
                : 'deliveryVirtual',
          ),
        ),
      );
    case 'languages':
    case 'phones':
      return list(v as string[]);
    case 'ages': {
      const ages = v as FormValues['ages'];
      return ages.minimum === null && ages.maximum === null
        ? t('empty')
        : `${ages.minimum ?? '0'}–${ages.maximum ?? '…'}`;
    }
    case 'serviceArea': {
      const area = v as FormValues['serviceArea'];
      if (area.coverage === 'none') return t('coverageNone');
      if (area.coverage === 'nationwide') return t('coverageNationwide');
      if (area.coverage === 'states') return `${t('coverageStates')}: ${area.states.join(', ')}`;
      return `${area.radiusKm} km`;
    }
    case 'status': {
      const status = v as FormValues['status'];
      const label =
        status.status === 'active'
          ? t('statusActive')
          : status.status === 'temporarily closed'
            ? t('statusTemporarilyClosed')
            : t('statusDefunct');
      return status.reopensOn ? `${label} (${t('reopensOn')}: ${status.reopensOn})` : label;
    }
    case 'location': {
      const place = v as FormValues['location'];
      const address = [place.address1, place.city, [place.state, place.postalCode].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ');
      const pin = place.latitude !== null ? ` (${place.latitude}, ${place.longitude})` : '';
      const secret = place.confidential ? ` · ${t('confidential')}` : '';
      const transit = place.transportation ? ` · ${t('transportation')}: ${place.transportation}` : '';
      return `${address || t('empty')}${pin}${secret}${transit}`;
    }
    case 'hours': {
      const hours = v as FormValues['hours'];
      const parts: string[] = [];
      if (hours.always) parts.push(t('always'));
      for (const day of WEEKDAYS)
        if (hours.days[day].length > 0) parts.push(`${t(`day${day}`)} ${hours.days[day].join(', ')}`);
      if (hours.byAppointment) parts.push(t('byAppointment'));
      if (hours.closures.length > 0)
        parts.push(`${t('closures')}: ${closureText(hours.closures).replace(/\n/g, ', ')}`);
      return parts.length === 0 ? t('empty') : parts.join('; ');
    }
    default:
      return (v as string) === '' ? t('empty') : String(v);
  }
}
