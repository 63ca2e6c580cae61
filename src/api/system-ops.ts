/** The "This computer" operations: system checks and the browser test page. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../context';
import type { ApiResponse } from '../contract';
import type { ProcessPort } from '../system/process-port';
import { redactSystemValue } from '../system/redact';
import { appDataDir } from '../util/data-dir';
import type { CoreModules, SystemModule } from './core-modules';
import type { DesktopPorts } from './desktop-ports';
import { notAvailable } from './errors';

export interface SystemOps {
  system: () => Promise<ApiResponse<'system'>>;
  testBrowserOpen: () => Promise<ApiResponse<'testBrowserOpen'>>;
}

export function systemOps(
  ctx: Context,
  modules: CoreModules,
  desktop: DesktopPorts,
  processes: ProcessPort | undefined,
): SystemOps {
  const need = (): SystemModule => {
    if (modules.system === null) throw notAvailable('The system checks');
    return modules.system;
  };
  const ports = (system: SystemModule) =>
    system.ports(ctx, {
      ...(processes !== undefined ? { processes } : {}),
      clients: modules.clients,
    });

  return {
    async system() {
      const system = need();
      return system.run(ctx, ports(system));
    },

    async testBrowserOpen() {
      const system = need();
      const opener = await system.checkBrowserOpener(ctx, ports(system));
      const dir = path.join(appDataDir(ctx), 'browser-test');
      let result;
      try {
        // Served on loopback and opened the way the desktop opens links, so we see it load.
        result = await system.openTestPage(ctx, { dir, opener, open: (url) => desktop.openExternal(url) });
      } catch {
        // No loopback port to listen on: open the page file instead; the user says if it appeared.
        result = await system.openTestPage(ctx, {
          dir,
          opener,
          via: 'file',
          open: async (fileUrl) => {
            const problem = await desktop.openPath(fileURLToPath(fileUrl));
            if (problem !== '') throw new Error(problem);
          },
        });
      }
      // The app asks its own question ("Did it appear?"), so its words carry none: when the load
      // was not seen, say what happened and keep the advice for a "no".
      return redactSystemValue(ctx, {
        opened: result.opened,
        detail: result.needsAnswer
          ? `The test page (code ${result.marker}) was handed to your browser, but the app could not see it load.`
          : result.detail,
        ask: result.needsAnswer,
        code: result.marker,
        ifNot: result.ifNot,
      });
    },
  };
}
