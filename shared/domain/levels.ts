import type { NodeKind } from '../schema/types.js';

/**
 * The level rule of the implementation matrix: a goal has no parent, an outcome sits under a
 * goal, an output under an outcome, an activity under an output. Because every move must keep
 * `parent.kind === parentKindOf(kind)`, no sequence of moves, concurrent or not, can form a cycle.
 */
export function parentKindOf(kind: NodeKind): NodeKind | null {
  switch (kind) {
    case 'goal':
      return null;
    case 'outcome':
      return 'goal';
    case 'output':
      return 'outcome';
    case 'activity':
      return 'output';
  }
}

/** The kind of the children a node of `kind` holds (null for activities). */
export function childKindOf(kind: NodeKind): NodeKind | null {
  switch (kind) {
    case 'goal':
      return 'outcome';
    case 'outcome':
      return 'output';
    case 'output':
      return 'activity';
    case 'activity':
      return null;
  }
}

/**
 * Indicators may be attached to every level of the matrix, activities included (SPEC IN1: the
 * handbook's worked matrix puts four indicators in activity 1.1's row, and input monitoring is
 * about activities).
 */
export function isMeasurable(kind: NodeKind): boolean {
  return (['goal', 'outcome', 'output', 'activity'] as readonly NodeKind[]).includes(kind);
}
