/**
 * The UI's only way to the core: the contract's API object. In Electron the preload provides it;
 * in browser mode it is the same methods over HTTP to 127.0.0.1 with the per-run token.
 */
import type { BriefApi, Input, Method, Output } from '../../shared/api';
import { METHOD_NAMES } from '../../shared/methods';
import { zhCN as t } from './locales/zh-CN';

declare global {
  interface Window {
    brief?: BriefApi;
  }
}

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function httpApi(token: string): BriefApi {
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    let res: Response;
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Brief-Token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      throw new ApiCallError(t.errors.network, 'network');
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = (body as { error?: { code: string; message: string } }).error;
      // A missing or wrong token: say how to get a good one (the server's own message cannot know).
      const message =
        res.status === 401 ? t.errors.unauthorized : (err?.message ?? t.errors.requestFailed(res.status));
      throw new ApiCallError(message, err?.code ?? String(res.status));
    }
    return body as Output<M>;
  };
  return Object.fromEntries(
    METHOD_NAMES.map((m) => [m, (input: never) => call(m, input)]),
  ) as unknown as BriefApi;
}

function tokenFromLocation(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('brief-token', fromUrl);
    // Keep the token out of the address bar (and out of screenshots and history).
    window.history.replaceState(null, '', window.location.pathname);
    return fromUrl;
  }
  return sessionStorage.getItem('brief-token') ?? '';
}

export const api: BriefApi = window.brief ?? httpApi(tokenFromLocation());

/** Hands bytes to the user as a download (browser mode and Electron alike): no paths cross the API. */
export function downloadBase64(base64: string, fileName: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
