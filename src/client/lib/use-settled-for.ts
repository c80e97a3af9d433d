/**
 * True once `key` has kept the same value for `ms` milliseconds; false again at each change. For work that can wait
 * until a person stops clicking through values (e.g. the previous-period comparison while stepping through periods).
 */
import { useEffect, useState } from 'react';

export function useSettledFor(key: string, ms: number): boolean {
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled === key;
}
