/**
 * Applies discreet mode (discreet-store.ts) to the parts of the page React does not own
 * once hydrated: the <html> class, the tab title (kept "Notes" across navigations), the icon
 * and the manifest. Renders nothing.
 */
import { useEffect } from 'react';
import {
  DISCREET_CLASS,
  DISCREET_ICON,
  DISCREET_MANIFEST,
  DISCREET_TITLE,
  useDiscreet,
} from './discreet-store';

const PLAIN_ICON = '/favicon.svg';
const PLAIN_MANIFEST = '/manifest.webmanifest';

/** Sets the title's text in place: React keeps a handle on that text node. */
function neutralizeTitle(title: HTMLTitleElement) {
  const node = title.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE) {
    if (node.nodeValue !== DISCREET_TITLE) node.nodeValue = DISCREET_TITLE;
  } else if (!node) title.append(DISCREET_TITLE);
}

export function DiscreetEffects() {
  const discreet = useDiscreet();
  useEffect(() => {
    document.documentElement.classList.toggle(DISCREET_CLASS, discreet);
    document.querySelector('link[rel="icon"]')?.setAttribute('href', discreet ? DISCREET_ICON : PLAIN_ICON);
    document
      .querySelector('link[rel="manifest"]')
      ?.setAttribute('href', discreet ? DISCREET_MANIFEST : PLAIN_MANIFEST);
    if (!discreet) return;
    const title = document.querySelector('title');
    if (!title) return;
    const original = title.textContent ?? '';
    neutralizeTitle(title);
    const observer = new MutationObserver(() => neutralizeTitle(title));
    observer.observe(title, { characterData: true, childList: true, subtree: true });
    return () => {
      observer.disconnect();
      const node = title.firstChild;
      if (node && node.nodeValue === DISCREET_TITLE) node.nodeValue = original;
    };
  }, [discreet]);
  return null;
}
