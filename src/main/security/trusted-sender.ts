import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { UrlAllowlist } from './origins';

export type TrustedSenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * IPC is accepted only from the main frame of the main window, and only while
 * that frame shows our own page (app://command-post, or the dev server).
 *
 * The preload runs in every frame that loads in the window, so a subframe or a
 * page the window was somehow navigated to could otherwise reach the bridge.
 * The sender frame can also be gone by the time the message is handled (it
 * navigated or was destroyed); that is treated as untrusted, not as a pass.
 */
export function createTrustedSenderCheck(
  getMainWebContents: () => WebContents | null | undefined,
  isAppUrl: UrlAllowlist,
): TrustedSenderCheck {
  return (event) => {
    const main = getMainWebContents();
    if (!main || main.isDestroyed() || event.sender !== main) return false;
    const frame = event.senderFrame;
    if (!frame || frame.isDestroyed() || frame.parent !== null) return false;
    // parent === null also holds for fenced frames; comparing with the
    // contents' own main frame pins it to the real top-level document.
    if (frame.frameTreeNodeId !== main.mainFrame.frameTreeNodeId) return false;
    return isAppUrl(frame.url);
  };
}
