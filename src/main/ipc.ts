/**
 * The IPC entry point of the API, as plain functions a test can call without Electron: every call is
 * checked for its sender (the app's own page, top frame only) and validated by the contract's schema
 * (dispatch) before a handler sees it. Errors come back as the contract's error body.
 */
import { dispatch, toApiError, type BriefHandlers } from '../shared/api';
import type { Reply } from '../shared/methods';

/** What the handler knows of the sender: its frame's URL and whether it is the top frame. */
export interface CallSender {
  frameUrl: string | null | undefined;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: CallSender, allowed: (url: string) => boolean): boolean {
  return sender.isMainFrame && typeof sender.frameUrl === 'string' && allowed(sender.frameUrl);
}

export async function handleCall(
  handlers: BriefHandlers,
  sender: CallSender,
  method: unknown,
  input: unknown,
  allowed: (url: string) => boolean,
): Promise<Reply> {
  if (!isTrustedSender(sender, allowed)) {
    return { error: { code: 'bad-request', message: '拒绝来自未知页面的请求' } };
  }
  try {
    return { result: await dispatch(handlers, method, input) };
  } catch (err) {
    const e = toApiError(err);
    return { error: { code: e.code, message: e.message } };
  }
}
