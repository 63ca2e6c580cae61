import { describe, expect, it } from 'vitest';
import { normaliseServerUrl, sameServer } from '../../../src/reset/server-url';

describe('server URL matching for reset --server', () => {
  it.each([
    ['https://EU.Example.com/mcp', 'https://eu.example.com/mcp'],
    ['HTTPS://eu.example.com/mcp/', 'https://eu.example.com/mcp'],
    ['https://eu.example.com:443/mcp', 'https://eu.example.com/mcp'],
    ['http://localhost:80/mcp', 'http://localhost/mcp'],
    ['https://eu.example.com', 'https://eu.example.com/'],
    ['https://eu.example.com/mcp#frag', 'https://eu.example.com/mcp'],
    ['  https://eu.example.com/mcp  ', 'https://eu.example.com/mcp'],
  ])('%s is the same server as %s', (a, b) => {
    expect(sameServer(a, b)).toBe(true);
  });

  it.each([
    ['https://eu.example.com/MCP', 'https://eu.example.com/mcp'],
    ['https://eu.example.com:8443/mcp', 'https://eu.example.com/mcp'],
    ['http://eu.example.com/mcp', 'https://eu.example.com/mcp'],
    ['http://localhost:3000/mcp', 'http://127.0.0.1:3000/mcp'],
    ['https://eu.example.com/mcp?tenant=a', 'https://eu.example.com/mcp?tenant=b'],
    ['https://us.example.com/mcp', 'https://eu.example.com/mcp'],
  ])('%s is not the same server as %s', (a, b) => {
    expect(sameServer(a, b)).toBe(false);
  });

  it('leaves something that is not a URL comparable rather than failing', () => {
    expect(normaliseServerUrl('not a url/')).toBe('not a url');
  });
});
