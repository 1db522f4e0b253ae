/**
 * Discreet mode: a choice kept on this device only (localStorage), never sent to the server.
 * When on, the tab reads "Notes" with a plain notes icon, the header carries no logo and no
 * trafficking words, the hotline banner is a small "Help" link, and an installed app is named
 * "Notes". Quick exit is unchanged.
 *
 * The server cannot know the choice, so `discreetHeadScript` (inline, in <head>) marks <html>
 * before the first paint (CSS hides the logo and banner at once) and swaps the icon and
 * manifest; `DiscreetEffects` keeps the title neutral after hydration and on every navigation.
 */
import { useSyncExternalStore } from 'react';
import { storageSubscriber } from '~/components/device-storage';

const STORAGE_KEY = 'haven:discreet';
const CHANGE_EVENT = 'haven:discreet-change';
export const DISCREET_TITLE = 'Notes';
export const DISCREET_ICON = '/icons/notes.svg';
export const DISCREET_MANIFEST = '/manifest-notes.webmanifest';
/** The class on <html> while discreet mode is on. */
export const DISCREET_CLASS = 'discreet';

function read(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setDiscreet(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(STORAGE_KEY, 'on');
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

const subscribe = storageSubscriber(STORAGE_KEY, CHANGE_EVENT);

/** Whether discreet mode is on; false on the server and while hydrating (the head script covers that). */
export function useDiscreet(): boolean {
  return useSyncExternalStore(subscribe, read, () => false);
}

/**
 * Runs inline in <head> before anything paints: marks <html> and swaps the icon and manifest.
 * The <title> is left to DiscreetEffects (changing it before hydration would make React
 * discard the server's HTML).
 */
export function discreetHeadScript(): string {
  return `(function(){try{if(localStorage.getItem(${JSON.stringify(STORAGE_KEY)})!=='on')return;}catch(e){return;}
document.documentElement.classList.add(${JSON.stringify(DISCREET_CLASS)});
var icon=document.querySelector('link[rel="icon"]');if(icon){icon.setAttribute('href',${JSON.stringify(DISCREET_ICON)});icon.removeAttribute('type');}
var manifest=document.querySelector('link[rel="manifest"]');if(manifest)manifest.setAttribute('href',${JSON.stringify(DISCREET_MANIFEST)});})();`;
}
