import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serverFromEntry, serversFromMap } from '../../../../src/clients/shared/mcp-servers-map';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const SRC = '/home/u/.cursor/mcp.json';

describe('serversFromMap', () => {
  it('decides the transport of each kind of entry', () => {
    const servers = serversFromMap(
      {
        plain: { url: 'https://a.example/mcp' },
        typedSse: { type: 'sse', url: 'https://b.example/sse' },
        typedHttp: { type: 'streamable-http', url: 'https://c.example/mcp' },
        gemini: { httpUrl: 'https://d.example/mcp' },
        bridged: { command: 'npx', args: ['-y', 'mcp-remote', 'https://e.example/mcp'] },
        local: { command: 'node', args: ['server.js'] },
      },
      SRC,
    );
    expect(servers.map((s) => [s.name, s.transport, s.url])).toEqual([
      ['plain', 'http', 'https://a.example/mcp'],
      ['typedSse', 'sse', 'https://b.example/sse'],
      ['typedHttp', 'http', 'https://c.example/mcp'],
      ['gemini', 'http', 'https://d.example/mcp'],
      ['bridged', 'mcp-remote', 'https://e.example/mcp'],
      ['local', 'stdio', null],
    ]);
    expect(servers.every((s) => s.source === SRC)).toBe(true);
    const bridged = servers.find((s) => s.name === 'bridged')!;
    expect(bridged.bridgedUrl).toBe('https://e.example/mcp');
    expect(bridged.mcpRemoteHashes).toContain(md5('https://e.example/mcp'));
  });

  it('reads a url without type as SSE when the client says so (Gemini `url`)', () => {
    expect(
      serverFromEntry('g', { url: 'https://x.example/sse' }, SRC, { urlWithoutType: 'sse' })?.transport,
    ).toBe('sse');
  });

  it('tolerates odd values: skips what is not an entry, never throws', () => {
    const odd = {
      nul: null,
      num: 3,
      arr: ['npx'],
      empty: {},
      blankUrl: { url: '  ' },
      numArgs: { command: 'npx', args: ['mcp-remote', 'https://f.example/mcp', 8080, { x: 1 }] },
      stringArgs: { command: 'npx', args: '-y mcp-remote https://g.example/mcp' },
      badCommand: { command: 42 },
    };
    const servers = serversFromMap(odd, SRC);
    expect(servers.map((s) => s.name)).toEqual(['numArgs', 'stringArgs']);
    expect(servers[0]!.transport).toBe('mcp-remote');
    expect(servers[1]!.url).toBe('https://g.example/mcp');
    for (const bad of [undefined, null, 'x', 7, [], [{ url: 'https://h.example' }]]) {
      expect(serversFromMap(bad, SRC)).toEqual([]);
    }
  });
});
