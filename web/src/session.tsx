/**
 * Who is signed in, in which organisation and with which role. Read once from the server
 * (the session is an httpOnly cookie), refreshed after login, logout and organisation changes.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, CSRF_COOKIE, readCookie } from './api.js';
import { ROUTES, type Me } from './account-api.js';

export interface Session {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session>({ me: undefined, refresh: () => Promise.resolve(null), logout: () => Promise.resolve() });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    // Signed out, there is no CSRF cookie (it comes and goes with the session): asking the server
    // would only log a 401 in the console of every anonymous page.
    if (readCookie(CSRF_COOKIE) === undefined) {
      setMe(null);
      return null;
    }
    try {
      const m = await api<Me>(ROUTES.me);
      setMe(m);
      return m;
    } catch {
      // 401: signed out. Anything else (server down): treated as signed out too; pages say why.
      setMe(null);
      return null;
    }
  }, []);
  const logout = useCallback(async () => {
    try {
      await api(ROUTES.logout, { method: 'POST', body: {} });
    } catch {
      /* already signed out, or the server is gone: the session ends here anyway */
    }
    setMe(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ me, refresh, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** Roles, as the server names them, in French. */
export const ROLE_LABELS: Record<string, string> = {
  admin: 'administrateur',
  member: 'membre',
  'read-only': 'lecture seule',
};

export function canWrite(me: Me | null | undefined): boolean {
  const role = me?.role;
  return role === 'admin' || role === 'member';
}
