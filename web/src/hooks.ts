import { useEffect, useState } from 'react';

/** Phones: below this width, wide tables are shown as lists. */
export const NARROW = '(max-width: 48rem)';

/** Whether a media query matches, following its changes. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setMatches(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return matches;
}
