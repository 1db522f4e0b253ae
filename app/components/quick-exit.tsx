/**
 * The Quick exit button. Without JavaScript it is a plain link; the inline script (rendered in
 * <head> with the CSP nonce, so it works before the app hydrates) replaces the page instead,
 * so Back does not return here, and listens for Escape pressed twice within a second.
 */
import { layoutMessages } from '~/i18n/messages/layout';
import { translator } from '~/i18n/i18n';
import { useRootData } from './root-data';

export function quickExitScript(url: string): string {
  const target = JSON.stringify(url).replace(/</g, '\\u003c');
  return `(function(){document.documentElement.classList.add('js');var u=${target},l=0;function go(e){if(e)e.preventDefault();try{document.title='';document.documentElement.style.visibility='hidden'}catch(x){}window.location.replace(u)}document.addEventListener('click',function(e){var a=e.target&&e.target.closest&&e.target.closest('[data-quick-exit]');if(a)go(e)});document.addEventListener('keydown',function(e){if(e.key!=='Escape'&&e.key!=='Esc')return;var n=Date.now();if(n-l<1000){go(e)}else{l=n}})})();`;
}

export function QuickExit() {
  const { config, locale } = useRootData();
  const t = translator(layoutMessages, locale);
  return (
    <a className="quick-exit" href={config.quickExitUrl} rel="noreferrer" data-quick-exit="">
      {t('quickExit')}
      <span className="visually-hidden">: {t('quickExitHint')}</span>
    </a>
  );
}
