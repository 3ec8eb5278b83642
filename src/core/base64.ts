/**
 * Base64 to text, for the few data URIs the renderer reads back from Satori's output. Written out
 * so that the renderer depends on no runtime's globals; the content is ASCII markup.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64Ascii(encoded: string): string {
  let bits = 0;
  let bitCount = 0;
  let text = '';
  for (const character of encoded) {
    if (character === '=') break;
    const value = ALPHABET.indexOf(character);
    if (value < 0) throw new SyntaxError(`not base64: ${JSON.stringify(character)}`);
    bits = (bits << 6) | value;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      text += String.fromCharCode((bits >> bitCount) & 0xff);
    }
  }
  return text;
}
