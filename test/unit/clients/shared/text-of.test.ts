/** A parser reads a file the same whether the scanner hands it decoded text or only bytes. */
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../../src/clients/parsers/json-text';

const both = (raw: string) => ({
  fromText: textOf({ bytes: Buffer.from(raw, 'utf8'), text: raw }, 'f.txt'),
  fromBytes: textOf({ bytes: Buffer.from(raw, 'utf8') }, 'f.txt'),
});

describe('textOf', () => {
  it.each(['plain verifier', '\ufeffwith a BOM', 'a NUL \u0000 inside', ''])('agrees for %j', (raw) => {
    const { fromText, fromBytes } = both(raw);
    expect(fromText).toEqual(fromBytes);
  });

  it('calls a file with a NUL binary, naming it', () => {
    expect(both('x\u0000y').fromText).toEqual({
      ok: false,
      problem: { message: 'f.txt is a binary file, not text' },
    });
  });
});
