/**
 * What a drawn block is for a reader of the tagged PDF: its structure role (heading, paragraph,
 * list label or body, figure) or page furniture (an artifact). Templates attach a tag to each block
 * they draw; the PDF writer wraps the block's drawing in marked content with that role and builds
 * the structure tree from it. The standard PDF structure types are used as they are, so no role map
 * is needed.
 */
export type ContentRole = 'H1' | 'H2' | 'H3' | 'P' | 'Lbl' | 'LBody' | 'Figure';

/**
 * A block's enclosing structure, outermost first: a list, its item and, where an item's body holds
 * several blocks (a key-figure tile: label, amount, detail), that body; each with a key unique
 * within its page for its role.
 */
export interface StructGroup {
  role: 'L' | 'LI' | 'LBody';
  key: number;
}

export interface StructTag {
  role: ContentRole | 'Artifact';
  groups?: readonly StructGroup[];
  /** A figure's alternative text: what it shows, as sentences. */
  alt?: string;
  /** For running header and footer: the artifact's pagination subtype. */
  artifact?: 'Header' | 'Footer';
  /** Content repeated on every page (the sample notice): real content where it first appears in a document, an artifact after. */
  once?: string;
}

/** The element prop that carries a tag for text Satori draws itself (headings, see templates/blocks.ts). */
export const TAG_PROP = 'data-tag';

export const HEADER: StructTag = { role: 'Artifact', artifact: 'Header' };
export const FOOTER: StructTag = { role: 'Artifact', artifact: 'Footer' };
