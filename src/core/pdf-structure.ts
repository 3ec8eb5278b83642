/**
 * The tagged PDF's logical structure: a Document element holding, in reading order, headings,
 * paragraphs, lists (L > LI > Lbl + LBody), figures with their alternative text and bounding box,
 * and links tied to their annotations. The page writer asks for an element per drawn block and a
 * marked-content identifier (MCID) per sequence it draws; this module keeps the parent tree that
 * maps each page's MCIDs and each annotation back to their elements, and writes it all out once
 * the pages are drawn.
 */
import { PDFHexString, PDFName, PDFNumber, type PDFContext, type PDFDict, type PDFObject, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import type { StructTag } from './pdf-tags';

interface StructNode {
  role: string;
  ref: PDFRef;
  parent: StructNode | undefined;
  kids: Kid[];
  page: PDFRef | undefined;
  alt?: string;
  bbox?: readonly number[];
}

type Kid = { node: StructNode } | { mcid: number } | { annotation: PDFRef; page: PDFRef };

const HEADING = /^H(\d)$/;

export class StructureTree {
  private readonly document: StructNode;
  private readonly parentTree: [number, PDFRef | PDFRef[]][] = [];
  private readonly said = new Set<string>();
  private nextAnnotationKey: number;

  /** Pages take the parent tree's first keys (0 … pageCount − 1), annotations the following ones. */
  constructor(
    private readonly context: PDFContext,
    pageCount: number,
  ) {
    this.document = this.node('Document', undefined, undefined);
    this.nextAnnotationKey = pageCount;
  }

  node(role: string, parent: StructNode | undefined, page: PDFRef | undefined): StructNode {
    // The Document element itself is made first, when there is no document to hang it on yet.
    const owner = parent ?? (this.document as StructNode | undefined);
    const node: StructNode = { role, ref: this.context.nextRef(), parent: owner, kids: [], page };
    owner?.kids.push({ node });
    return node;
  }

  get root(): StructNode {
    return this.document;
  }

  /** True the first time a `once` key is met in this document: later mentions are artifacts. */
  firstMention(key: string): boolean {
    if (this.said.has(key)) return false;
    this.said.add(key);
    return true;
  }

  page(page: PDFPage, index: number): PageStructure {
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(index));
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    return new PageStructure(this, page.ref, index);
  }

  addParentTreeEntry(key: number, value: PDFRef | PDFRef[]): void {
    this.parentTree.push([key, value]);
  }

  takeAnnotationKey(): number {
    return this.nextAnnotationKey++;
  }

  /** Writes the elements and the parent tree, and hangs the tree on the catalog. */
  finish(catalog: PDFDict): void {
    startHeadingsAtOne(this.document);
    const context = this.context;
    const rootRef = context.nextRef();
    const write = (node: StructNode): void => {
      const entries: Record<string, PDFObject> = {
        Type: PDFName.of('StructElem'),
        S: PDFName.of(node.role),
        P: node.parent?.ref ?? rootRef,
        K: context.obj(node.kids.map((kid) => ('node' in kid ? kid.node.ref : 'mcid' in kid ? PDFNumber.of(kid.mcid) : context.obj({ Type: 'OBJR', Obj: kid.annotation, Pg: kid.page })))),
      };
      if (node.page) entries.Pg = node.page;
      if (node.alt !== undefined) entries.Alt = textString(node.alt);
      if (node.bbox) entries.A = context.obj({ O: 'Layout', Placement: 'Block', BBox: node.bbox.map((value) => PDFNumber.of(round2(value))) });
      context.assign(node.ref, context.obj(entries));
      for (const kid of node.kids) if ('node' in kid) write(kid.node);
    };
    write(this.document);
    const nums: PDFObject[] = [];
    for (const [key, value] of [...this.parentTree].sort((a, b) => a[0] - b[0])) nums.push(PDFNumber.of(key), Array.isArray(value) ? context.obj(value) : value);
    const parentTree = context.register(context.obj({ Nums: context.obj(nums) }));
    context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: this.document.ref, ParentTree: parentTree, ParentTreeNextKey: this.nextAnnotationKey }));
    catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  }
}

export class PageStructure {
  private readonly blocks = new Map<string, StructNode>();
  private readonly mcids: PDFRef[] = [];

  constructor(
    private readonly tree: StructureTree,
    private readonly pageRef: PDFRef,
    private readonly index: number,
  ) {}

  /** The element of a drawn block (by an id unique in the page), made with its list groups on first use. */
  element(id: string, tag: StructTag, bbox?: readonly number[]): StructNode {
    let node = this.blocks.get(id);
    if (node) return node;
    let parent: StructNode | undefined;
    for (const group of tag.groups ?? []) {
      const key = `${group.role}:${group.key}`;
      parent = this.blocks.get(key) ?? this.remember(key, this.tree.node(group.role, parent, this.pageRef));
    }
    node = this.remember(id, this.tree.node(tag.role, parent, this.pageRef));
    if (tag.alt !== undefined) node.alt = tag.alt;
    if (bbox) node.bbox = bbox;
    return node;
  }

  /** A new marked-content sequence of the element's; returns its MCID. */
  markedContent(node: StructNode): number {
    const mcid = this.mcids.length;
    this.mcids.push(node.ref);
    node.kids.push({ mcid });
    return mcid;
  }

  /** A Link element inside a block. */
  link(parent: StructNode): StructNode {
    return this.tree.node('Link', parent, this.pageRef);
  }

  /** Ties a Link element to its annotation, which is told its key in the parent tree and given a text. */
  annotate(link: StructNode, annotation: PDFRef, annotationDict: PDFDict, text: string): void {
    link.kids.push({ annotation, page: this.pageRef });
    const key = this.tree.takeAnnotationKey();
    annotationDict.set(PDFName.of('StructParent'), PDFNumber.of(key));
    annotationDict.set(PDFName.of('Contents'), textString(text));
    this.tree.addParentTreeEntry(key, link.ref);
  }

  /** The page's entry in the parent tree: the element of each MCID, in MCID order. */
  finish(): void {
    this.tree.addParentTreeEntry(this.index, this.mcids);
  }

  private remember(key: string, node: StructNode): StructNode {
    this.blocks.set(key, node);
    return node;
  }
}

/**
 * A page or chart printed on its own starts at a lower heading (a page's section is an H2 of the
 * factsheet): shift every level so that the document's first heading is an H1, as PDF/UA asks.
 */
function startHeadingsAtOne(document: StructNode): void {
  const headings: StructNode[] = [];
  const visit = (node: StructNode): void => {
    if (HEADING.test(node.role)) headings.push(node);
    for (const kid of node.kids) if ('node' in kid) visit(kid.node);
  };
  visit(document);
  const first = headings[0];
  if (!first) return;
  const shift = Number(HEADING.exec(first.role)![1]) - 1;
  if (shift <= 0) return;
  for (const heading of headings) heading.role = `H${Math.max(1, Number(HEADING.exec(heading.role)![1]) - shift)}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A PDF text string in UTF-16BE with its byte order mark, as hexadecimal. pdf-lib's own conversion
 * formats each code unit through several helpers, which showed in a factsheet's profile.
 */
function textString(text: string): PDFHexString {
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index++) hex += text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return PDFHexString.of(hex);
}
