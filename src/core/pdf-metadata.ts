/**
 * The document's XMP metadata stream: PDF/UA asks for the title in `dc:title` and for the
 * `pdfuaid:part` that the file claims. Dates come from the data version, like the rest of the
 * document, so that the same data gives the same bytes.
 */
import { escapeXml } from './escape-xml';

export interface XmpFields {
  title: string;
  author: string;
  subject: string;
  keywords: readonly string[];
  creator: string;
  date: Date;
  language: string;
}

export function xmpMetadata(fields: XmpFields): string {
  const date = fields.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const text = (value: string): string => escapeXml(value);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${text(fields.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${text(fields.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${text(fields.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${text(fields.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${text(fields.keywords.join(' '))}</pdf:Keywords>`,
    `<pdf:Producer>${text(fields.creator)}</pdf:Producer>`,
    `<xmp:CreatorTool>${text(fields.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** XMP is stored as UTF-8. */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(bytes);
}
