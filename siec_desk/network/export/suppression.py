"""Small-cell protection of additive tables: primary and secondary suppression.

**Entries.** A table is a grid of cells with its row margins, column margins and grand
total; each of these is an *entry*, identified by a key that is shared between tables
(the "consultations in March" margin is the same entry in every month × … table), so an
entry is suppressed everywhere or nowhere.

**Primary.** An entry is unsafe when fewer than k units contribute to it (1 to k−1), or,
for sums, when one contributor holds more than 85 % of it (dominance). Zero stays zero.

**Secondary.** Written in the form "every row and every column sums to zero" (margins
negated, grand total positive), a table is a bipartite graph: rows and columns are
vertices, entries are edges. Given the published entries, the suppressed ones can change
together exactly along cycles of the graph of suppressed edges, so a suppressed entry is
determined by the published ones if and only if it is a *bridge* of that graph (on no
cycle). A row or column with a single suppressed entry is the simplest case. While some
suppressed entry is a bridge, the cheapest path (by published value) that closes a cycle
through it is suppressed too; margins so suppressed are suppressed in every table that
shares them, and tables are revisited until nothing changes. Only non-zero entries are
ever suppressed; a path always exists (suppressing the whole table leaves no bridge).

The tests check the result independently, by exact Gaussian elimination over fractions.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

#: An entry's identity: (group, ((dimension, value), ...) sorted by dimension).
Key = tuple[str, tuple[tuple[str, str], ...]]
Vertex = tuple[str, str]
ROW, COLUMN = "r", "c"
#: The margin's vertex on each side (no code may be "*").
TOTAL = "*"
DOMINANCE_SHARE = 0.85


def key(group: str, **values: str) -> Key:
    return (group, tuple(sorted(values.items())))


@dataclass(frozen=True)
class Edge:
    row: Vertex
    column: Vertex
    key: Key


def grid(
    group: str, row_dim: str, rows: Sequence[str], col_dim: str, cols: Sequence[str]
) -> list[Edge]:
    """The edges of a two-dimensional table with its margins and total."""
    edges = [
        Edge((ROW, r), (COLUMN, c), key(group, **{row_dim: r, col_dim: c}))
        for r in rows
        for c in cols
    ]
    edges += [Edge((ROW, r), (COLUMN, TOTAL), key(group, **{row_dim: r})) for r in rows]
    edges += [Edge((ROW, TOTAL), (COLUMN, c), key(group, **{col_dim: c})) for c in cols]
    edges.append(Edge((ROW, TOTAL), (COLUMN, TOTAL), key(group)))
    return edges


def unsafe(count: int, contributors: int, threshold: int, dominated: bool = False) -> bool:
    """Primary rule: non-zero with fewer than *threshold* contributors, or dominated."""
    return count != 0 and (contributors < threshold or dominated)


def dominated(largest: float, total: float, share: float = DOMINANCE_SHARE) -> bool:
    """One contributor holds more than *share* of a sum (absolute values)."""
    return total > 0 and largest > share * total


def bridges(edges: Sequence[Edge]) -> list[Edge]:
    """The edges of *edges* that lie on no cycle (Tarjan, iterative; parallel edges kept)."""
    adjacency: dict[Vertex, list[tuple[Vertex, int]]] = defaultdict(list)
    for index, edge in enumerate(edges):
        adjacency[edge.row].append((edge.column, index))
        adjacency[edge.column].append((edge.row, index))
    order: dict[Vertex, int] = {}
    low: dict[Vertex, int] = {}
    found: list[Edge] = []
    counter = itertools.count()
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = next(counter)
        stack: list[tuple[Vertex, int, int]] = [(root, -1, 0)]
        while stack:
            vertex, via, position = stack[-1]
            neighbours = adjacency[vertex]
            if position < len(neighbours):
                stack[-1] = (vertex, via, position + 1)
                other, index = neighbours[position]
                if index == via:
                    continue
                if other in order:
                    low[vertex] = min(low[vertex], order[other])
                else:
                    order[other] = low[other] = next(counter)
                    stack.append((other, index, 0))
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[vertex])
                if low[vertex] > order[parent]:
                    found.append(edges[via])
    return found


def _cheapest_path(
    edges: Sequence[Edge], start: Vertex, goal: Vertex, weight: Mapping[Key, float]
) -> list[Key] | None:
    """Keys on the cheapest path from *start* to *goal* (Dijkstra, deterministic)."""
    adjacency: dict[Vertex, list[tuple[Vertex, Key]]] = defaultdict(list)
    for edge in edges:
        adjacency[edge.row].append((edge.column, edge.key))
        adjacency[edge.column].append((edge.row, edge.key))
    best: dict[Vertex, float] = {start: 0.0}
    previous: dict[Vertex, tuple[Vertex, Key]] = {}
    queue: list[tuple[float, int, Vertex]] = [(0.0, 0, start)]
    tie = itertools.count(1)
    done: set[Vertex] = set()
    while queue:
        distance, _n, vertex = heapq.heappop(queue)
        if vertex in done:
            continue
        done.add(vertex)
        if vertex == goal:
            path: list[Key] = []
            while vertex != start:
                vertex, entry = previous[vertex]
                path.append(entry)
            return path
        for other, entry in sorted(adjacency[vertex], key=_order):
            candidate = distance + weight[entry]
            if other not in done and candidate < best.get(other, float("inf")):
                best[other] = candidate
                previous[other] = (vertex, entry)
                heapq.heappush(queue, (candidate, next(tie), other))
    return None


def _order(item: tuple[Hashable, Key]) -> str:
    return repr(item)


def protect(
    tables: Iterable[Sequence[Edge]],
    values: Mapping[Key, int],
    primary: Iterable[Key],
) -> set[Key]:
    """Every suppressed entry: *primary* plus the secondary suppressions that leave no
    suppressed entry determined by the published entries of its table.

    *values* gives each entry's non-negative size (a count): zero entries are published
    and never suppressed; the size is also the cost of suppressing an entry.
    """
    layouts = [[e for e in table if values.get(e.key, 0) != 0] for table in tables]
    suppressed = {k for k in primary if values.get(k, 0) != 0}
    changed = True
    while changed:
        changed = False
        for edges in layouts:
            while True:
                hidden = [e for e in edges if e.key in suppressed]
                open_edges = sorted(bridges(hidden), key=lambda e: repr(e.key))
                if not open_edges:
                    break
                edge = open_edges[0]
                weight = {
                    e.key: 0.0 if e.key in suppressed else float(values[e.key]) for e in edges
                }
                others = [e for e in edges if e is not edge]
                path = _cheapest_path(others, edge.row, edge.column, weight)
                added = (
                    {k for k in path if k not in suppressed}
                    if path is not None
                    else {e.key for e in edges} - suppressed  # cannot happen; stay safe
                )
                if not added:  # inconsistent sizes (a margin smaller than its cells)
                    raise ValueError(f"cannot protect {edge.key}")
                suppressed |= added
                changed = True
    return suppressed
