import type { ComplaintOrder, ComplaintSummaryFragment } from '../generated/graphql.js';
import { comparePositions, positionOf, type ListPosition } from './complaint-match.js';

/** One page of `complaints` as the queue reads it. */
export interface ComplaintListPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ReadonlyArray<{ node: ComplaintSummaryFragment }>;
}

/**
 * The rows of a live list and where its loaded range ends. The rows are every complaint of
 * the filter up to the end of the last page loaded (all of them once `hasMore` is false), in
 * the list's order; `totalCount` counts all of them, loaded or not.
 */
export class QueueList {
  rows: ComplaintSummaryFragment[] = [];
  totalCount = 0;
  hasMore = false;
  pagesLoaded = 0;
  /** Where the next page starts. */
  endCursor: string | null = null;
  /** The position the last page loaded ended at: the loaded range. */
  private boundary: ListPosition | null = null;

  constructor(readonly order: ComplaintOrder) {}

  /** Starts over from pages just read, in order. */
  static fromPages(order: ComplaintOrder, pages: ComplaintListPage[]): QueueList {
    const list = new QueueList(order);
    for (const page of pages) list.append(page);
    return list;
  }

  /** Adds the next page; rows already listed (moved into the range by a live change) are kept once. */
  append(page: ComplaintListPage): void {
    const listed = new Set(this.rows.map((row) => row.id));
    this.rows.push(...page.edges.map((edge) => edge.node).filter((node) => !listed.has(node.id)));
    this.totalCount = page.totalCount;
    this.hasMore = page.pageInfo.hasNextPage && page.edges.length > 0;
    this.endCursor = page.pageInfo.endCursor;
    const last = page.edges[page.edges.length - 1];
    if (last) this.boundary = positionOf(last.node, this.order);
    this.pagesLoaded++;
  }

  indexOf(id: string): number {
    return this.rows.findIndex((row) => row.id === id);
  }

  /** Whether a complaint at this position belongs to the loaded range; undefined when the order cannot tell. */
  withinLoaded(position: ListPosition): boolean | undefined {
    if (!this.hasMore || !this.boundary) return true;
    const compared = comparePositions(position, this.boundary, this.order);
    return compared === undefined ? undefined : compared <= 0;
  }

  /** Inserts a row where the order puts it; false (nothing changed) when the order cannot tell. */
  insert(complaint: ComplaintSummaryFragment): boolean {
    const position = positionOf(complaint, this.order);
    let index = this.rows.length;
    for (let i = 0; i < this.rows.length; i++) {
      const compared = comparePositions(position, positionOf(this.rows[i], this.order), this.order);
      if (compared === undefined) return false;
      if (compared < 0) {
        index = i;
        break;
      }
    }
    this.rows.splice(index, 0, complaint);
    return true;
  }
}
