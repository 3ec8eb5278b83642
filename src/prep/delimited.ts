/**
 * One line of a delimited text file, with double-quoted fields: the label files quote the labels
 * that contain `;`, the INSEE files quote every field, and `""` stands for a quote inside one.
 */
export function splitDelimited(line: string, separator: string): string[] {
  if (line.indexOf('"') === -1) return line.split(separator);
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (inQuotes) {
      if (char === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"') {
      inQuotes = true;
    } else if (char === separator) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** Rows of a file with a header line, as records keyed by the header's names. */
export function parseTable(lines: readonly string[], separator: string): Record<string, string>[] {
  if (lines.length === 0) return [];
  const header = splitDelimited(lines[0], separator).map((name) => name.trim());
  return lines.slice(1).filter((line) => line.trim() !== '').map((line) => {
    const fields = splitDelimited(line, separator);
    const record: Record<string, string> = {};
    header.forEach((name, index) => {
      record[name] = (fields[index] ?? '').trim();
    });
    return record;
  });
}
