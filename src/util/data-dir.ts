/**
 * The app's own data folder, the same one Electron's `app.getPath('userData')` returns for
 * productName "MCP Auth Doctor", so the CLI and the app share backups.
 */
import path from 'node:path';
import { expandTemplate } from '../paths/expand';
import type { Context } from '../context';

export const PRODUCT_NAME = 'MCP Auth Doctor';

export function appDataDir(ctx: Context): string {
  const override = ctx.env.MCP_AUTH_DOCTOR_DATA_DIR;
  if (override !== undefined && override !== '') return override;
  switch (ctx.platform) {
    case 'darwin':
      return path.join(ctx.home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return path.join(expandTemplate('%APPDATA%', ctx) ?? ctx.home, PRODUCT_NAME);
    default:
      return path.join(expandTemplate('$XDG_CONFIG_HOME', ctx) ?? ctx.home, PRODUCT_NAME);
  }
}
