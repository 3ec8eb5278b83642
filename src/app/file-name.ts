/** Readable download names: `commerce-exterieur-2024-55-meuse.pdf`, ASCII only so every client keeps them. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function factsheetFileName(year: number, code: string, name: string, part: string | null, extension: string): string {
  const stem = ['commerce-exterieur', String(year), code.toLowerCase(), slugify(name), ...(part ? [part] : [])].join('-');
  return `${stem}.${extension}`;
}
