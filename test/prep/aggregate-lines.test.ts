import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregateLines } from '../../src/prep/aggregate-lines.js';
import { FlowReader, type Flow } from '../../src/prep/flow-reader.js';
import { parseGeography } from '../../src/prep/geography.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const geography = parseGeography(read('data/raw/labels/Departement_region.txt'), read('data/raw/insee/departements_101_with_dgddi_codes.csv'));

function reader(flow: Flow, lines: string[]) {
  const flowReader = new FlowReader({ flow, year: 2024, otherYears: 'reject', file: 'test.txt', geography });
  lines.forEach((line, index) => flowReader.readLine(line, index + 1));
  expect(flowReader.issues).toEqual([]);
  return { aggregate: flowReader.aggregate, rows: flowReader.rowsRead };
}

describe('aggregateLines: the sums as text lines a peer engine can write too', () => {
  it('writes each département, its région and France, per CPF4 × country and per A129, and the rows of each flow', () => {
    const lines = aggregateLines(
      {
        E: reader('E', ['E;1;2024;55;13;C10E;1051;DE;1000;10', 'E;2;2024;55;13;C10E;1051;DE;500;5', 'E;1;2024;54;13;C10E;1051;BE;7;1']),
        I: reader('I', ['I;3;2024;75;03;C10E;1051;DE;40;1']),
      },
      geography,
    );
    expect(lines).toEqual(
      [
        'E;dep;54;a129;C10E;7',
        'E;dep;54;cell;1051;BE;7',
        'E;dep;55;a129;C10E;1500',
        'E;dep;55;cell;1051;DE;1500',
        'E;fr;FR;a129;C10E;1507',
        'E;fr;FR;cell;1051;BE;7',
        'E;fr;FR;cell;1051;DE;1500',
        'E;reg;13;a129;C10E;1507',
        'E;reg;13;cell;1051;BE;7',
        'E;reg;13;cell;1051;DE;1500',
        'E;rows;3;1507',
        'I;dep;75;a129;C10E;40',
        'I;dep;75;cell;1051;DE;40',
        'I;fr;FR;a129;C10E;40',
        'I;fr;FR;cell;1051;DE;40',
        'I;reg;03;a129;C10E;40',
        'I;reg;03;cell;1051;DE;40',
        'I;rows;1;40',
      ],
    );
  });
});
