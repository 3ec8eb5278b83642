/**
 * The wording of the published factsheets, verbatim. Sentences that name the territory or a figure
 * are functions; everything else is a constant. A rich text is a list of runs, bold where the
 * reference sets them in bold.
 */
import type { FactsheetInput } from '../src/core/factsheet';
import { formatMillions, formatShareOfFrance, formatShareOfRegion } from '../src/core/format';

export interface Run {
  text: string;
  bold?: boolean;
  /** Address the run links to; the PDF makes it clickable. */
  link?: string;
}
export type Rich = Run[];

export const title = 'Les indicateurs clés : commerce extérieur';
export const subtitle = (departement: string): string => `Territoires d'industrie - ${departement}`;
export const publisher = {
  state: 'GOUVERNEMENT',
  motto: ['Liberté', 'Égalité', 'Fraternité'],
  agency: ['agence nationale', 'de la cohésion', 'des territoires'],
};

export const introduction = {
  heading: 'Introduction',
  paragraphs: [
    "Dans le cadre du programme Territoires d'industrie, copiloté par l'ANCT et la DGE, une première série de portraits socio-économiques territoriaux a été publiée en octobre 2024, en partenariat avec l'INSEE. Ce format se prolonge aujourd'hui par des publications thématiques, en lien avec les enjeux identifiés dans vos territoires. Ce nouveau numéro est ainsi consacré au commerce extérieur, un sujet au cœur de l'actualité économique.",
    "Souvent analysé à l'échelle nationale, nous proposons ici un regard départemental — l'échelon le plus fin disponible — à travers une sélection d'indicateurs et d'infographies, fondés sur les statistiques établies par les Douanes.",
  ],
};

export const territoires = {
  heading: "Territoires d'Industrie du département",
  headingPrincipaux: "Principaux Territoires d'Industrie du département*",
  footnotePrincipaux: "* Les Territoires d'Industrie adjacents comptant moins de 5 communes dans le département ont été retirés",
  none: "Aucun Territoire d'industrie n'est rattaché à ce département.",
};

export const context = {
  heading: 'Contexte et méthodologie',
  contextHeading: 'Contexte',
  contextParagraphs: (year: number): string[] => [
    "Face aux profondes mutations du commerce mondial, l'ouverture des industries et la nature des flux commerciaux exposent les territoires à de nouvelles menaces comme à de nouvelles opportunités.",
    `Depuis le début de l'année ${year + 1}, la montée en puissance des menaces de surtaxes douanières émanant des États-Unis a renforcé les tensions commerciales internationales. Dans ce contexte, l'incertitude s'accroît pour les industriels, qui s'interrogent de plus en plus sur leur exposition et leur dépendance aux chaînes de valeur mondiales, tant à l'importation qu'à l'exportation. Cette situation incite les acteurs économiques à diversifier leurs partenaires, sécuriser leurs approvisionnements et saisir de nouvelles opportunités de développement, afin de mieux s'adapter à un environnement commercial en recomposition.`,
    `Pourtant, la traduction territoriale de ces évolutions reste encore peu étudiée. Cette publication, fondée sur les données douanières de ${year}, propose ainsi un état des lieux par département : elle met en lumière les principales activités exportatrices et importatrices, les pays partenaires les plus importants, et permet de situer chaque territoire par rapport à la moyenne nationale.`,
    "Grâce à ce nouvel éclairage, les Territoires d'industrie disposent d'un outil de lecture pour mieux comprendre leur position dans les échanges internationaux dans le contexte économique actuel.",
  ],
  methodHeading: 'Précisions méthodologiques',
  methodIntro:
    'Les infographies présentées permettent d\'avoir des ordres de grandeur des grands équilibres actuels, mais comportent certaines limites :',
  methodBullets: [
    'Les données sont établies selon le lieu de dédouanement, qui ne reflète pas toujours le lieu de production. Par exemple, un bien fabriqué dans un département A peut être exporté depuis un département B. Les chiffres dépendent ainsi des chaînes logistiques mises en place en interne par les entreprises.',
    "De manière similaire, la présence de grandes infrastructures de transport peut introduire des biais. Par exemple, les zones industrialo-portuaires concentrent les importations d'hydrocarbures, ce qui ne signifie pas que l'usage en est fait exclusivement dans les départements correspondants.",
    "Enfin, l'échelle infra-départementale, notamment celle des Territoires d'industrie, n'est pas accessible à ce jour. Pour les territoires interdépartementaux, il est recommandé de consulter les fiches des différents départements concernés.",
  ],
  methodClosing: (year: number): string =>
    `Les infographies reposent sur les données départementales et régionales du commerce extérieur pour l'année ${year}, produites par la Direction générale des Douanes et Droits indirects et accessibles en open data.`,
};

export const balance = {
  heading: 'Balance commerciale territoriale',
  intro:
    "Cette première infographie identifie les principaux pays concernés par des relations commerciales avec le département, en prenant en compte les principaux pays à l'import et à l'export. Cette vision d'ensemble permet d'apprécier les grands équilibres commerciaux locaux vis-à-vis de l'extérieur.",
  partnersTitle: (name: string, year: number): string => `Principaux pays à l'import et à l'export, ${name} (${year})`,
  readingKey: [
    { text: 'Clé de lecture :', bold: true },
    {
      text: " pour chaque pays, figurent à gauche le montant des importations et à droite celui des exportations. Le delta constitue la balance commerciale, indiquée en rouge ou en vert selon qu'elle est négative ou positive.",
    },
  ] satisfies Rich,
  activitiesIntro: [
    { text: 'Le graphique suivant représente les principales activités concernées par les échanges commerciaux internationaux à l\'échelle départementale. Figurent en bleu ' },
    { text: 'les biens importés', bold: true },
    { text: ' dans le département, en violet ' },
    { text: 'les biens exportés', bold: true },
    {
      text: " depuis le département. L'aire des compartiments est proportionnelle à l'importance du bien concerné dans sa catégorie d'échange, ce qui permet d'identifier les principales activités concernées à l'import et à l'export, ainsi que la balance globale.",
    },
  ] satisfies Rich,
  activitiesTitle: (name: string, year: number): string => `Principales activités à l'export et à l'import, ${name} (${year})`,
};

export interface FlowTexts {
  heading: string;
  intro: Rich;
  chartTitle: (name: string, year: number) => string;
  totalLabel: string;
  valueVerb: string;
  sides: Rich;
  comparison: string;
  comparedTitle: (name: string, year: number) => string;
}

export const exportsTexts: FlowTexts = {
  heading: 'Exportations',
  intro: [
    {
      text: "Pour aller plus loin dans l'analyse, le graphique suivant représente les flux d'exportations (quel produit est exporté vers quel pays). Sont représentés les dix premiers biens exportés depuis le département ainsi que les dix principaux pays acheteurs. La catégorie « autres » comprend les biens et les pays au-delà de ce classement des dix premiers. Pour faciliter la lecture, les cinq principaux flux (tel produit vers telle destination) sont représentés en ",
    },
    { text: 'rouge', bold: true },
    { text: '.' },
  ],
  chartTitle: (name, year) => `Flux à l'export par produit et par pays, ${name} (en valeur, ${year})`,
  totalLabel: 'Total des exportations',
  valueVerb: 'exportée',
  sides: [
    { text: 'Figurent à gauche ' },
    { text: 'les principaux biens exportés', bold: true },
    { text: ' depuis le département, à droite ' },
    { text: 'les pays de destination', bold: true },
    { text: '.' },
  ],
  comparison: 'La situation départementale des exportations représentée page précédente peut être comparée à celle de la région et du pays :',
  comparedTitle: (name, year) => `Flux à l'export, ${comparedName(name)} (en valeur, ${year})`,
};

export const importsTexts: FlowTexts = {
  heading: 'Importations',
  intro: [
    {
      text: "De manière similaire, le graphique suivant représente les flux d'importations (quel pays vend quel produit). Sont représentés les dix principaux pays vendeurs ainsi que les dix premiers biens importés dans le département. La catégorie « autres » comprend les pays et les biens au-delà de ce classement des dix premiers. Pour faciliter la lecture, les cinq principaux flux (telle origine pour tel produit) sont représentés en ",
    },
    { text: 'rouge', bold: true },
    { text: '.' },
  ],
  chartTitle: (name, year) => `Flux à l'import par pays et par produit, ${name} (en valeur, ${year})`,
  totalLabel: 'Total des importations',
  valueVerb: 'importée',
  sides: [
    { text: 'Figurent à gauche ' },
    { text: "les principaux pays d'origine", bold: true },
    { text: ', à droite ' },
    { text: 'les biens importés dans le département', bold: true },
    { text: '.' },
  ],
  comparison: 'La situation départementale des importations représentée page précédente peut être comparée à celle de la région et du pays.',
  comparedTitle: (name, year) => `Flux à l'import, ${comparedName(name)} (en valeur, ${year})`,
};

export const FRANCE_NAME = 'France entière';

function comparedName(name: string): string {
  return isOverseas(name) ? OVERSEAS.title : name;
}

export const totalLine = (label: string, millions: string): string => `${label} : ${millions} millions d'euros`;
/**
 * The customs service publishes the five overseas départements as one aggregate, `DOM`, in place of a
 * région: the factsheets call it what it is.
 */
export const OVERSEAS_CODE = 'DOM';
const OVERSEAS = { sentence: "l'ensemble des départements d'outre-mer", title: "départements d'outre-mer" } as const;
const isOverseas = (region: string): boolean => region === OVERSEAS_CODE;
export const shareOfRegionLine = (share: string, verb: string, region: string): string =>
  isOverseas(region) ? `soit ${share} de la valeur ${verb} par ${OVERSEAS.sentence}` : `soit ${share} de la valeur ${verb} par la région ${region}`;
export const shareOfFranceLine = (share: string, verb: string): string => `soit ${share} de la valeur ${verb} au niveau national`;

export interface Link {
  text: string;
  url: string;
}

export const practical = {
  heading: 'Informations pratiques',
  purpose:
    'Ce document a pour objectif de dresser un état des lieux territorialisé du commerce extérieur, à destination des acteurs locaux, dans un contexte douanier en forte évolution.',
  portraits:
    "Si vous souhaitez en savoir plus sur les caractéristiques socio-économiques de vos Territoires d'industrie, une série de portraits a été publiée en octobre 2024. Vous pouvez les consulter à l'adresse suivante :",
  portraitsLink: {
    text: "Portraits socio-économiques des Territoires d'Industrie",
    url: 'https://anct.gouv.fr/programmes-dispositifs/territoires-dindustrie',
  } satisfies Link,
  assembly:
    "Pour en savoir plus sur le programme Territoires d'Industrie, nous vous invitons à consulter la synthèse présentée lors de la dernière Assemblée générale, le 27 mai dernier. Vous y trouverez un récapitulatif des actions en cours ainsi que les perspectives pour l'année 2025 :",
  assemblyLink: {
    text: 'Dossier de presse de la dernière Assemblée générale',
    url: 'https://www.entreprises.gouv.fr/territoires-dindustrie',
  } satisfies Link,
  contactBefore: "Enfin, vous pouvez contacter le programme Territoires d'Industrie au niveau national à l'adresse ",
  contactLink: { text: 'territoires-industrie@anct.gouv.fr', url: 'mailto:territoires-industrie@anct.gouv.fr' } satisfies Link,
  contactAfter: '.',
  furtherHeading: 'Pour aller plus loin :',
  further: [
    { before: "Retrouvez l'actualité de l'ANCT : ", link: { text: 'https://anct.gouv.fr/actualites', url: 'https://anct.gouv.fr/actualites' } },
    {
      before: "Retrouvez l'actualité de la DGE : ",
      link: { text: 'https://www.entreprises.gouv.fr/la-dge/actualites', url: 'https://www.entreprises.gouv.fr/la-dge/actualites' },
    },
  ],
};

export const sampleNotice = 'Données fictives de démonstration';
export const sampleNoticeDetail = 'calculées sur des archives synthétiques : ces chiffres ne décrivent pas le territoire réel.';
export const sourceLine = (year: number, dataVersion: string): string =>
  `Source : DGDDI, statistiques régionales et départementales du commerce extérieur ${year} · version des données ${dataVersion}`;
export const footerPublisher = "ANCT · Territoires d'industrie";

/*
 * Sentences that depend on where the département stands: the names and territories of the
 * département asked for (2A and 2B share the Corse document), the overseas aggregate, and a région
 * that is the territory itself. The PDF pages and the HTML factsheet both take their words here.
 */
type Flow = 'exports' | 'imports';

/** How the département compares with its région. */
export type RegionRelation = 'region' | 'overseas' | 'same';

export function regionRelation(input: FactsheetInput): RegionRelation {
  if (isOverseas(input.region.code)) return 'overseas';
  const { departement, region } = input;
  const same = departement.totals.exports === region.totals.exports && departement.totals.imports === region.totals.imports;
  return same ? 'same' : 'region';
}

/** The name of the département asked for (« Corse-du-Sud »), which the document may not carry (« Corse »). */
export function departementName(input: FactsheetInput): string {
  return input.requested?.name ?? input.departement.name;
}

/** The département's own Territoires d'industrie; items without `departements` (older documents) belong to all. */
export function territoriesOf(input: FactsheetInput): { id: string | null; name: string }[] {
  const code = input.requested?.code ?? input.departement.code;
  return input.departement.territoiresIndustrie.items.filter((item) => {
    const departements = (item as { departements?: readonly string[] }).departements;
    return departements === undefined || departements.includes(code);
  });
}

/** Where one customs document serves several départements (Corse), the cover says what its figures cover. */
export function coverageNote(input: FactsheetInput): string | null {
  const { departement, manifest } = input;
  const served = manifest.geographies.filter((geo) => geo.level === 'departement' && geo.document === `departement/${departement.code}.json`);
  if (served.length < 2) return null;
  const codes = served.map((geo) => geo.code);
  return `Les chiffres de cette fiche portent sur l'ensemble de la ${departement.name} (${codes.slice(0, -1).join(', ')} et ${codes[codes.length - 1]}), que les Douanes publient comme un seul territoire.`;
}

/** The cover's key figures: the totals as the flow pages print them, and the balance. */
export function keyFigures(input: FactsheetInput): { heading: string; items: { label: string; value: string; detail: string }[] } {
  const { departement, manifest } = input;
  const { exports, imports, balance } = departement.totals;
  const millions = (euros: number): string => `${formatMillions(euros)} millions d'euros`;
  const nationalShare = (flow: Flow): string => {
    const share = departement.shares[flow].france;
    return share === null ? '' : `soit ${formatShareOfFrance(share)} de la valeur ${flow === 'exports' ? 'exportée' : 'importée'} au niveau national`;
  };
  return {
    heading: `Les échanges en un coup d'œil (${manifest.year})`,
    items: [
      { label: 'Exportations', value: millions(exports), detail: nationalShare('exports') },
      { label: 'Importations', value: millions(imports), detail: nationalShare('imports') },
      {
        label: 'Balance commerciale',
        value: (balance > 0 ? '+' : balance < 0 ? '\u2212' : '') + millions(Math.abs(balance)),
        detail: balance >= 0 ? 'les exportations dépassent les importations' : 'les importations dépassent les exportations',
      },
    ],
  };
}

/** The line under the département's total that places it in its région, or says that there is nothing to place. */
export function regionShareLine(input: FactsheetInput, flow: Flow): string | null {
  const share = input.departement.shares[flow].region;
  const verb = flow === 'exports' ? exportsTexts.valueVerb : importsTexts.valueVerb;
  if (regionRelation(input) === 'same') return sameRegionLine(input.region.name);
  return share === null ? null : shareOfRegionLine(formatShareOfRegion(share), verb, input.region.code === OVERSEAS_CODE ? OVERSEAS_CODE : input.region.name);
}

export const sameRegionLine = (region: string): string => `la région ${region} se confond avec ce territoire : pas de comparaison régionale`;

/** The sentence that opens the comparison page. */
export function comparisonIntro(input: FactsheetInput, flow: Flow): string {
  const base = flow === 'exports' ? exportsTexts.comparison : importsTexts.comparison;
  switch (regionRelation(input)) {
    case 'region':
      return base;
    case 'overseas':
      return base.replace('celle de la région et du pays', `celle de ${OVERSEAS.sentence} et du pays`);
    case 'same':
      return base.replace('celle de la région et du pays', 'celle du pays');
  }
}

/** In place of a région chart that would repeat the département's, one sentence saying so. */
export function sameRegionNote(input: FactsheetInput): string {
  return `Les chiffres de la région ${input.region.name} sont ceux de la page précédente : seule la comparaison avec la France entière est présentée.`;
}

/** The name the compared charts and the document's keywords give the région. */
export function regionName(input: FactsheetInput): string {
  return comparedName(input.region.code === OVERSEAS_CODE ? OVERSEAS_CODE : input.region.name);
}

/** The footer's source on one line: the data version shortened to the eight characters that tell versions apart. */
export const footerSource = (year: number, dataVersion: string): string =>
  `Source : DGDDI, commerce extérieur ${year} · données ${dataVersion.slice(0, 8)}`;
