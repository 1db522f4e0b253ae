/**
 * Choices kept on this device (localStorage) that React reads with useSyncExternalStore:
 * saved services (app/saved) and discreet mode (app/discreet). A change made in this tab
 * announces itself with a window event; one made in another tab arrives as a `storage` event.
 */

/** The `subscribe` for useSyncExternalStore of one localStorage key. */
export function storageSubscriber(key: string, changeEvent: string) {
  return (listener: () => void): (() => void) => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === key || event.key === null) listener();
    };
    window.addEventListener(changeEvent, listener);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(changeEvent, listener);
      window.removeEventListener('storage', onStorage);
    };
  };
}
