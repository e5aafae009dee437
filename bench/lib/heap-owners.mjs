// Heap snapshot attribution by owner, for `bench/mem-profile.mjs --snapshot` (issue 18, M3).
// Builds the snapshot's dominator tree (weak edges ignored, as DevTools does) and gives every
// live object to its nearest dominating "owner": an object whose constructor is one of OWNERS
// (a Room, its Y.Doc, a connection, the plan index...). The result is self size per owner path
// (e.g. "Room > Doc"), so a diff of two snapshots says which part of a plan holds the memory.
import fs from 'node:fs';

/**
 * Constructors that own what they dominate, innermost wins. A Y.Doc under a Room is the live
 * plan; under Awareness it is presence's own empty doc; WsConn / WebSocket / Socket are one
 * connection's objects.
 */
export const OWNERS = new Set([
  'Registry', 'Room', 'Doc', 'Awareness', 'WsConn', 'WebSocket', 'Socket', 'Receiver', 'Sender', 'TLSSocket',
  'UpdateLog', 'PlanFiles', 'FileHandle', 'PlanStore', 'MemoryStorage', 'AccessStore', 'AuditLog', 'Sessions',
  'FieldHistory', 'DerivedCache', 'HeavyWork', 'HeavyBudget', 'SnapshotStore', 'CommentRate', 'Hono', 'Server',
]);

/** Parses a .heapsnapshot file into flat arrays with the fields this module needs. */
export function readSnapshot(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const meta = snap.snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const [NT, NN, NS, NE] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
  const [ET, EN, ETO] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
  const count = snap.nodes.length / nf;
  const type = new Uint8Array(count);
  const name = new Uint32Array(count);
  const self = new Float64Array(count);
  const firstEdge = new Uint32Array(count + 1);
  let e = 0;
  for (let i = 0; i < count; i++) {
    type[i] = snap.nodes[i * nf + NT];
    name[i] = snap.nodes[i * nf + NN];
    self[i] = snap.nodes[i * nf + NS];
    firstEdge[i] = e;
    e += snap.nodes[i * nf + NE];
  }
  firstEdge[count] = e;
  const edgeCount = snap.edges.length / ef;
  const to = new Uint32Array(edgeCount);
  const weak = new Uint8Array(edgeCount);
  const edgeName = new Uint32Array(edgeCount);
  const edgeKind = new Uint8Array(edgeCount);
  const weakType = edgeTypes.indexOf('weak');
  for (let j = 0; j < edgeCount; j++) {
    to[j] = snap.edges[j * ef + ETO] / nf;
    weak[j] = snap.edges[j * ef + ET] === weakType ? 1 : 0;
    edgeKind[j] = snap.edges[j * ef + ET];
    edgeName[j] = snap.edges[j * ef + EN];
  }
  return { count, type, name, self, firstEdge, to, weak, edgeName, edgeKind, edgeTypes, nodeTypes, strings: snap.strings };
}

/** Immediate dominators (Cooper, Harvey, Kennedy), root = node 0; unreachable nodes get -1. */
export function dominators(g) {
  const { count, firstEdge, to, weak } = g;
  // Reverse post-order by iterative depth-first search from the root.
  const order = new Int32Array(count).fill(-1); // post-order number
  const rpo = [];
  const stack = [0];
  const next = new Uint32Array(count);
  const seen = new Uint8Array(count);
  seen[0] = 1;
  next[0] = firstEdge[0];
  let post = 0;
  const postList = new Int32Array(count);
  while (stack.length) {
    const v = stack[stack.length - 1];
    let pushed = false;
    while (next[v] < firstEdge[v + 1]) {
      const j = next[v]++;
      if (weak[j]) continue;
      const w = to[j];
      if (seen[w]) continue;
      seen[w] = 1;
      next[w] = firstEdge[w];
      stack.push(w);
      pushed = true;
      break;
    }
    if (!pushed) {
      stack.pop();
      order[v] = post;
      postList[post++] = v;
    }
  }
  for (let i = post - 1; i >= 0; i--) rpo.push(postList[i]);
  // Predecessors (strong edges between reachable nodes).
  const predCount = new Uint32Array(count + 1);
  for (let v = 0; v < count; v++) {
    if (!seen[v]) continue;
    for (let j = firstEdge[v]; j < firstEdge[v + 1]; j++) if (!weak[j]) predCount[to[j] + 1]++;
  }
  for (let i = 0; i < count; i++) predCount[i + 1] += predCount[i];
  const preds = new Uint32Array(predCount[count]);
  const fill = predCount.slice(0, count);
  for (let v = 0; v < count; v++) {
    if (!seen[v]) continue;
    for (let j = firstEdge[v]; j < firstEdge[v + 1]; j++) if (!weak[j]) preds[fill[to[j]]++] = v;
  }
  const idom = new Int32Array(count).fill(-1);
  idom[0] = 0;
  const intersect = (a, b) => {
    while (a !== b) {
      while (order[a] < order[b]) a = idom[a];
      while (order[b] < order[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const v of rpo) {
      if (v === 0) continue;
      let d = -1;
      for (let k = predCount[v]; k < predCount[v + 1]; k++) {
        const p = preds[k];
        if (idom[p] === -1) continue;
        d = d === -1 ? p : intersect(p, d);
      }
      if (d !== -1 && idom[v] !== d) {
        idom[v] = d;
        changed = true;
      }
    }
  }
  return { idom, rpo };
}

/**
 * Self size per owner path ("Room > Doc", "(no owner)"), per node kind inside it, and the
 * number of owner objects of each constructor. Optional `detail(path)` true: also strings by
 * their first 40 characters within that path.
 */
export function ownersOf(file, { detail = () => false } = {}) {
  const g = readSnapshot(file);
  const { idom, rpo } = dominators(g);
  const owner = new Array(g.count);
  owner[0] = '(no owner)';
  const objectType = g.nodeTypes.indexOf('object');
  const stringTypes = new Set(['string', 'concatenated string', 'sliced string'].map((t) => g.nodeTypes.indexOf(t)));
  const byPath = new Map();
  const instances = new Map();
  for (const v of rpo) {
    if (v !== 0) {
      const parent = owner[idom[v]];
      const n = g.strings[g.name[v]];
      if (g.type[v] === objectType && OWNERS.has(n)) {
        owner[v] = parent === '(no owner)' ? n : `${innermost(parent)} > ${n}`;
        instances.set(n, (instances.get(n) ?? 0) + 1);
      } else owner[v] = parent;
    }
    const path = owner[v];
    const e = byPath.get(path) ?? { size: 0, count: 0, kinds: new Map(), strings: new Map() };
    e.size += g.self[v];
    e.count++;
    const kind = g.type[v] === objectType ? g.strings[g.name[v]] : `(${g.nodeTypes[g.type[v]]})`;
    const k = e.kinds.get(kind) ?? { size: 0, count: 0 };
    k.size += g.self[v];
    k.count++;
    e.kinds.set(kind, k);
    if (stringTypes.has(g.type[v]) && detail(path)) {
      const s = g.strings[g.name[v]].slice(0, 40);
      const t = e.strings.get(s) ?? { size: 0, count: 0 };
      t.size += g.self[v];
      t.count++;
      e.strings.set(s, t);
    }
    byPath.set(path, e);
  }
  return { byPath, instances };
}

/** The innermost owner of a path, so paths stay short ("Registry > Room" → "Room"). */
function innermost(path) {
  const parts = path.split(' > ');
  return parts[parts.length - 1];
}
