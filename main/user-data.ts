/**
 * The app's data folder is the CLI's (backups made by one are undone by the other): the name is
 * "MCP Auth Doctor" and userData is set to `appDataDir` — which also honours
 * MCP_AUTH_DOCTOR_DATA_DIR. An explicit `--user-data-dir` (tests) wins.
 */
import type { App } from 'electron';
import type { Context } from '../src/context';
import { PRODUCT_NAME, appDataDir } from '../src/util/data-dir';

export function configureUserData(
  app: Pick<App, 'setName' | 'setPath' | 'commandLine'>,
  ctx: Context,
): string | null {
  app.setName(PRODUCT_NAME);
  if (app.commandLine.hasSwitch('user-data-dir')) return null;
  const dir = appDataDir(ctx);
  app.setPath('userData', dir);
  return dir;
}
