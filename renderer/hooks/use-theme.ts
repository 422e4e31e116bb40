import { useEffect } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectTheme } from '../state/selectors.js';

/** Applies the chosen theme (or the system's) to the document: CSS does the rest. */
export function useThemeEffect(): void {
  const theme = useWarRoom(selectTheme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      const dark = theme === 'dark' || (theme === 'system' && media.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
