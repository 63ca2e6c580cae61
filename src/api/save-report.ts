/**
 * Save report: the user picks where (a native dialog), the app writes exactly the text they saw.
 * The text came from the `report` operation, which redacts; nothing is added here.
 */
import fs from 'node:fs/promises';
import type { Context } from '../context';
import type { ApiRequest, ApiResponse } from '../contract';
import type { DesktopPorts } from './desktop-ports';

export async function saveReport(
  ctx: Context,
  desktop: DesktopPorts,
  request: ApiRequest<'saveReport'>,
): Promise<ApiResponse<'saveReport'>> {
  const ext = request.format === 'json' ? 'json' : 'md';
  const day = ctx.now().toISOString().slice(0, 10);
  const target = await desktop.chooseSavePath({
    defaultName: `mcp-auth-doctor-report-${day}.${ext}`,
    extensions: [ext],
  });
  if (target === null) return null;
  await fs.writeFile(target, request.text, { encoding: 'utf8', mode: 0o600 });
  return { path: target };
}
