/** Emergency number and the national trafficking hotline, as tap-to-call/text links. */
import { layoutMessages } from '~/i18n/messages/layout';
import { translator } from '~/i18n/i18n';
import { smsHref, telHref } from './format';
import { useRootData } from './root-data';

export function HotlineBanner({ id }: { id?: string }) {
  const { config, locale } = useRootData();
  const t = translator(layoutMessages, locale);
  const { hotline } = config;
  return (
    <aside className="hotline" aria-label={t('hotlineLabel')} id={id}>
      <p>
        <a href={telHref(hotline.emergency)} className="hotline-emergency">
          {t('emergency', { number: hotline.emergency })}
        </a>
        <span className="hotline-sep" aria-hidden="true">
          {' · '}
        </span>
        <a href={telHref(hotline.phone)}>{t('hotlineCall', { number: hotline.phone })}</a>{' '}
        <a href={smsHref(hotline.text)}>{t('hotlineText', { number: hotline.text })}</a>
      </p>
    </aside>
  );
}
