/**
 * Calls to the classif HTTP API (src/server). Same origin: the session is an HttpOnly cookie,
 * and every request that changes something echoes the readable `classif_csrf` cookie in the
 * X-CSRF-Token header.
 * Errors carry the server's French message, or a French one made here.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const GENERIC: Record<number, string> = {
  400: 'La demande est incomplète ou mal formée.',
  401: 'Connectez-vous pour continuer.',
  403: "Votre rôle dans l'organisation ne permet pas cette action.",
  404: 'Introuvable.',
  409: 'Cette donnée existe déjà.',
  413: 'Le fichier est trop volumineux.',
  415: "Ce type de fichier n'est pas accepté.",
  429: 'Trop de demandes : réessayez dans un instant.',
};

/** The French message of an error answer: the server's own when it gives one. */
export function messageOf(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    for (const key of ['message', 'error', 'detail']) {
      const v = b[key];
      if (typeof v === 'string' && v.trim() !== '' && !/^[A-Z][a-z]+( [A-Z][a-z]+)*$/.test(v)) return v;
    }
  }
  return GENERIC[status] ?? (status >= 500 ? 'Le serveur a rencontré une erreur. Réessayez, ou signalez-la si elle se répète.' : `Erreur ${status}.`);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Name of the readable cookie that holds the CSRF token (src/server/auth.ts). */
export const CSRF_COOKIE = 'classif_csrf';

export function csrfHeaders(method: string): Record<string, string> {
  if (SAFE.has(method)) return {};
  const token = readCookie(CSRF_COOKIE);
  return token ? { 'X-CSRF-Token': token } : {};
}

/** JSON in, JSON out. Throws ApiError with a French message. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { Accept: 'application/json', ...csrfHeaders(method) };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.', 0);
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text !== '') {
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      data = text;
    }
  }
  if (!res.ok) throw new ApiError(messageOf(res.status, data), res.status, data);
  return data as T;
}

/**
 * Sends a file with upload progress (fetch cannot report it): resolves with the JSON answer.
 */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError('Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.', 0));
    xhr.onload = () => {
      let data: unknown = undefined;
      try {
        data = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(new ApiError(messageOf(xhr.status, data), xhr.status, data));
    };
    xhr.send(form);
  });
}
