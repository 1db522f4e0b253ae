/**
 * "Save" on a service page and on a result card: keeps the service on this device
 * (saved-store.ts); pressed again, removes it. Its name carries the service's name (cards
 * list many). Shown only when scripts run (`js-only-inline`).
 */
import { useEffect } from 'react';
import type { Locale } from '~/i18n/i18n';
import { translator } from '~/i18n/i18n';
import { saveButtonMessages } from './button-messages';
import { registerServiceWorker } from './offline';
import { removeSaved, saveService, useSavedServices } from './saved-store';

export function SaveButton({
  id,
  name,
  organization,
  locale,
}: {
  id: string;
  name: string;
  organization: string;
  locale: Locale;
}) {
  const t = translator(saveButtonMessages, locale);
  const saved = useSavedServices().some((entry) => entry.id === id);
  useEffect(registerServiceWorker, []);
  return (
    <button
      type="button"
      className="js-only-inline save-button no-print"
      aria-label={saved ? t('savedLabel', { name }) : t('saveLabel', { name })}
      onClick={() => void (saved ? removeSaved(id) : saveService({ id, name, organization }))}
    >
      {saved ? t('saved') : t('save')}
    </button>
  );
}
