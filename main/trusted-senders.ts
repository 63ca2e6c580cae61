/**
 * Which renderers may call the core: the webContents of windows we created (ids added when the
 * window is made, dropped when it is destroyed), and only their main frame showing our own page.
 * A subframe, a foreign page the window was tricked into, or any other webContents is refused.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { originOf } from './app-protocol';

export class TrustedSenders {
  private readonly ids = new Set<number>();

  constructor(private readonly origin: string) {}

  add(contents: WebContents): void {
    const id = contents.id;
    this.ids.add(id);
    contents.once('destroyed', () => this.ids.delete(id));
  }

  /** Null when the sender is trusted, else the reason (for the log; never shown as is). */
  refusal(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): string | null {
    if (!this.ids.has(event.sender.id)) return 'sender is not an app window';
    const frame = event.senderFrame;
    if (frame === null) return 'sender frame is gone';
    // Electron may hand out a new WebFrameMain wrapper for the same frame, so frames are compared
    // by what identifies them (renderer process and routing id), never by object identity.
    const main = event.sender.mainFrame;
    const isMainFrame = frame.processId === main.processId && frame.routingId === main.routingId;
    if (!isMainFrame || frame.parent !== null) return 'sender is a subframe';
    if (originOf(frame.url) !== this.origin) return 'sender frame shows a foreign page';
    return null;
  }
}
