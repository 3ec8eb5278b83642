/**
 * Reads the lines of one customs data file (one flow) into an aggregate, checking each line:
 * `Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code pays;Valeur;Masse`.
 * A bad line is recorded with its file, line and reason and left out; whether that fails the build
 * is the caller's decision (the tolerance). Nothing but the aggregate is kept, so memory does not
 * grow with the file.
 */
import type { InputIssue } from './errors.js';
import type { Geography } from './geography.js';
import { FlowAggregate } from './aggregate.js';

export type Flow = 'E' | 'I';

export interface FlowReaderOptions {
  flow: Flow;
  year: number;
  /** Annual files must hold only their year; the rolling « dernière publication » files hold 5 quarters and are filtered. */
  otherYears: 'reject' | 'skip';
  file: string;
  geography: Geography;
  /** Stop recording details after this many issues (they are still counted). */
  maxIssueDetails?: number;
}

const DIGITS = /^[0-9]+$/;
const NEGATIVE = /^-[0-9]+$/;
const MASS = /^-?[0-9]*$/;

export class FlowReader {
  readonly aggregate: FlowAggregate;
  readonly issues: InputIssue[] = [];
  issueCount = 0;
  rowsRead = 0;
  rowsSkippedOtherYears = 0;
  /** `2024-Q1`-style keys of every quarter seen, the skipped years included: the rolling files say which they cover. */
  readonly quartersSeen = new Set<string>();
  private readonly yearText: string;
  private readonly departementIndex = new Map<string, number>();
  private readonly departementRegion: string[] = [];
  private readonly maxIssueDetails: number;

  constructor(private readonly options: FlowReaderOptions) {
    this.yearText = String(options.year);
    this.maxIssueDetails = options.maxIssueDetails ?? 1000;
    const departements = [...options.geography.departements.values()];
    departements.forEach((departement, index) => {
      this.departementIndex.set(departement.customsCode, index);
      this.departementRegion.push(departement.region.customsCode);
    });
    this.aggregate = new FlowAggregate(departements.map((d) => d.customsCode));
  }

  /** One line of the file (without its line break). */
  readLine(line: string, lineNumber: number): void {
    const fields = line.split(';');
    if (fields.length !== 10) {
      return this.reject(lineNumber, `expected 10 fields separated by ";", got ${fields.length}`, `${fields.length} champs au lieu de 10`);
    }
    const [flow, quarter, year, departement, region, a129, cpf4, country, value, mass] = fields;
    if (flow !== this.options.flow) {
      return flow === 'E' || flow === 'I'
        ? this.reject(lineNumber, `flow "${flow}" in a file of flow "${this.options.flow}"`, `flux « ${flow} » dans un fichier de flux « ${this.options.flow} »`)
        : this.reject(lineNumber, `unknown flow "${flow}" (expected E or I)`, `flux inconnu « ${flow} » (E ou I attendu)`);
    }
    if (quarter !== '1' && quarter !== '2' && quarter !== '3' && quarter !== '4') {
      return this.reject(lineNumber, `unknown quarter "${quarter}" (expected 1 to 4)`, `trimestre inconnu « ${quarter} » (1 à 4 attendu)`);
    }
    if (year.length !== 4 || !DIGITS.test(year)) {
      return this.reject(lineNumber, `invalid year "${year}"`, `année invalide « ${year} »`);
    }
    this.quartersSeen.add(`${year}-Q${quarter}`);
    if (year !== this.yearText) {
      if (this.options.otherYears === 'skip') {
        this.rowsSkippedOtherYears += 1;
        return;
      }
      return this.reject(lineNumber, `year ${year} does not match the expected year ${this.yearText}`, `année ${year} au lieu de ${this.yearText}`);
    }
    const departementIndex = this.departementIndex.get(departement);
    if (departementIndex === undefined) {
      return this.reject(lineNumber, `unknown département code "${departement}"`, `code de département inconnu « ${departement} »`);
    }
    const expectedRegion = this.departementRegion[departementIndex];
    if (region !== expectedRegion) {
      return this.options.geography.regionsByCustomsCode.has(region)
        ? this.reject(
            lineNumber,
            `région "${region}" does not match département ${departement} (région ${expectedRegion})`,
            `la région « ${region} » ne correspond pas au département ${departement} (région ${expectedRegion})`,
          )
        : this.reject(lineNumber, `unknown région code "${region}"`, `code de région inconnu « ${region} »`);
    }
    if (a129 === '' || cpf4 === '' || country === '') {
      return this.reject(lineNumber, 'empty A129, CPF4 or country code', 'code A129, CPF4 ou pays vide');
    }
    if (!DIGITS.test(value)) {
      return NEGATIVE.test(value)
        ? this.reject(lineNumber, `negative value "${value}"`, `valeur négative « ${value} »`)
        : this.reject(lineNumber, `non-numeric value "${value}"`, `valeur non numérique « ${value} »`);
    }
    if (!MASS.test(mass)) {
      return this.reject(lineNumber, `non-numeric mass "${mass}"`, `masse non numérique « ${mass} »`);
    }
    this.rowsRead += 1;
    this.aggregate.add(departementIndex, a129, cpf4, country, Number(value));
  }

  private reject(line: number, reason: string, reasonFr: string): void {
    this.issueCount += 1;
    if (this.issues.length < this.maxIssueDetails) this.issues.push({ file: this.options.file, line, reason, reasonFr });
  }
}
