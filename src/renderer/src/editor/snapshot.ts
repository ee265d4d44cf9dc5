/**
 * The editor's document as the model, cheaply: ProseMirror nodes are immutable and shared between
 * versions, so each top-level node is converted once and reused until it changes. Typing in one
 * paragraph of a 100-page briefing then re-converts one paragraph, not the document.
 */
import type { Node as PmNode } from '@tiptap/pm/model';
import type { Block, BriefDocument, DocumentMeta } from '../../../core/doc/model';
import { jsonToBlock } from './convert';

const cache = new WeakMap<PmNode, Block | null>();

export function snapshot(doc: PmNode, meta: DocumentMeta): BriefDocument {
  const blocks: Block[] = [];
  doc.forEach((node) => {
    let b = cache.get(node);
    if (b === undefined) {
      b = jsonToBlock(node.toJSON());
      cache.set(node, b);
    }
    if (b) blocks.push(b);
  });
  // The editor keeps an empty paragraph at the end for typing; it is not part of the document.
  while (blocks.length > 1) {
    const last = blocks[blocks.length - 1];
    if (last.type === 'paragraph' && last.runs.length === 0 && !last.lead && !last.runInHeading) blocks.pop();
    else break;
  }
  return { meta, blocks };
}
