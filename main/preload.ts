/**
 * The sandboxed preload (bundled to one CommonJS file: sandboxed preloads cannot be ESM). It
 * exposes exactly one frozen object, `window.mcpAuthDoctor`, and nothing of ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildDesktopApi } from './preload-api';

contextBridge.exposeInMainWorld('mcpAuthDoctor', buildDesktopApi(ipcRenderer));
// The e2e smoke test waits for this line.
console.log('[PRELOAD_READY]');
