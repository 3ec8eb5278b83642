/**
 * One flow's input as the customs service ships it: the annual archive
 * (`AAAAMM_regional_AAAA_export.zip` with `Regional-AAAA-export/Region_AAAA_Export.txt` and the
 * label files), the extracted data file, or the rolling `REGIONAL_CPF4PAYSE.txt` (last 5 quarters).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { DataInputError } from '../errors.js';
import type { Flow } from '../flow-reader.js';
import { openZip } from './zip.js';

export const LABEL_FILES = ['Libelle_A129.txt', 'Libelle_CPF4_rev2.1.txt', 'Libelle_PAYS.txt', 'Departement_region.txt'] as const;
export type LabelFile = (typeof LABEL_FILES)[number];

export interface FlowInput {
  flow: Flow;
  /** What reports name: `archive.zip!entry.txt` or the file name. */
  label: string;
  /** The year written in the file name, when it has one. */
  yearInName: number | null;
  rolling: boolean;
  /** Label files shipped inside the archive. */
  labelFiles: Map<LabelFile, Buffer>;
  /** Latest modification time recorded in the input, the source of a reproducible `generatedAt`. */
  modified: Date;
  open(): Promise<Readable>;
  close(): void;
}

const DATA_ENTRY = /(^|\/)(Region_(\d{4})_(Export|Import)|REGIONAL_CPF4PAYS([EI]))\.txt$/i;

export async function openFlowInput(path: string, flow: Flow): Promise<FlowInput> {
  if (/\.zip$/i.test(path)) {
    const zip = await openZip(path);
    const data = zip.entries.filter((entry) => DATA_ENTRY.test(entry.name));
    if (data.length !== 1) {
      zip.close();
      throw new DataInputError(
        `${path}: expected one data file Region_AAAA_${flow === 'E' ? 'Export' : 'Import'}.txt in the archive, found ${data.length}`,
        `l'archive ${basename(path)} ne contient pas le fichier de données attendu`,
      );
    }
    const entry = data[0];
    checkFlowInName(entry.name, flow, path);
    const labelFiles = new Map<LabelFile, Buffer>();
    for (const name of LABEL_FILES) {
      const found = zip.entries.find((candidate) => candidate.name.split('/').pop() === name);
      if (found) labelFiles.set(name, await zip.read(found.name));
    }
    return {
      flow,
      label: `${basename(path)}!${entry.name}`,
      yearInName: yearIn(entry.name) ?? yearIn(basename(path)),
      rolling: /REGIONAL_CPF4PAYS/i.test(entry.name),
      labelFiles,
      modified: new Date(Math.max(...zip.entries.map((e) => e.modified.getTime()))),
      open: () => zip.stream(entry.name),
      close: () => zip.close(),
    };
  }
  const name = basename(path);
  if (!DATA_ENTRY.test(name)) {
    throw new DataInputError(
      `${path}: not a customs data file (expected Region_AAAA_Export.txt, REGIONAL_CPF4PAYSE.txt or their import twins, or an annual .zip)`,
      `${name} n'est pas un fichier de données douanières reconnu`,
    );
  }
  checkFlowInName(name, flow, path);
  const info = await stat(path);
  return {
    flow,
    label: name,
    yearInName: yearIn(name),
    rolling: /REGIONAL_CPF4PAYS/i.test(name),
    labelFiles: new Map(),
    modified: info.mtime,
    open: async () => createReadStream(path, { highWaterMark: 1 << 20 }),
    close: () => undefined,
  };
}

function yearIn(name: string): number | null {
  const match = /(?:Region_|_regional_)(\d{4})/i.exec(name);
  return match ? Number(match[1]) : null;
}

function checkFlowInName(name: string, flow: Flow, path: string): void {
  const match = DATA_ENTRY.exec(name);
  const named = match?.[4] ? (match[4].toLowerCase() === 'export' ? 'E' : 'I') : match?.[5]?.toUpperCase();
  if (named && named !== flow) {
    throw new DataInputError(
      `${path}: holds the ${named === 'E' ? 'export' : 'import'} flow but was given as ${flow === 'E' ? 'export' : 'import'}`,
      `${basename(path)} contient le flux ${named === 'E' ? 'export' : 'import'}, pas ${flow === 'E' ? 'export' : 'import'}`,
    );
  }
}
