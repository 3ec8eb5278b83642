import { describe, expect, it } from 'vitest';
import { decodeBase64Ascii } from '../../src/core/base64';
import { escapeXml } from '../../src/core/escape-xml';

describe('base64 of ASCII markup', () => {
  it('decodes every length of padding, and stops at the first =', () => {
    expect(decodeBase64Ascii('PHN2Zz4=')).toBe('<svg>');
    expect(decodeBase64Ascii('YQ==')).toBe('a');
    expect(decodeBase64Ascii('YWI=')).toBe('ab');
    expect(decodeBase64Ascii('YWJj')).toBe('abc');
    expect(decodeBase64Ascii('')).toBe('');
    expect(decodeBase64Ascii('YQ==YWJj')).toBe('a');
  });

  it('reads the whole alphabet, + and / included', () => {
    const text = '<g fill="#000091">~?>>?~</g> 0123456789 AZaz';
    expect(decodeBase64Ascii(Buffer.from(text, 'ascii').toString('base64'))).toBe(text);
    expect(decodeBase64Ascii('+/+/')).toBe('\xfb\xff\xbf');
  });

  it('refuses a character outside the alphabet', () => {
    expect(() => decodeBase64Ascii('YW*j')).toThrow(new SyntaxError('not base64: "*"'));
  });
});

describe('XML escaping', () => {
  it('escapes &, <, > and double quotes, every one of them, ampersands first', () => {
    expect(escapeXml('a & b < c > d "e" && <<>> ""')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &amp;&amp; &lt;&lt;&gt;&gt; &quot;&quot;');
    expect(escapeXml("l'été")).toBe("l'été");
  });
});
