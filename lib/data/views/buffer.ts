// Chapter views counted in this process between two flushes to the database: per calendar day
// (in SITE_TIME_ZONE, fixed when the view arrives, so a view just before midnight stays on its
// day even when it is flushed after), per book. Pure: no clock, no database.

/** One book's views on one day, as the flush writes them. */
export type ViewCount = { bookId: number; day: string; views: number };

export interface ViewBuffer {
  /** Adds `views` (default 1) to the book's count on `day` (YYYY-MM-DD). */
  add(bookId: number, day: string, views?: number): void;
  /** Everything counted so far, ordered by book then day, and an empty buffer for what comes next. */
  take(): ViewCount[];
  /** How many (book, day) counts are pending. */
  readonly size: number;
}

export function createViewBuffer(): ViewBuffer {
  let counts = new Map<string, ViewCount>();
  return {
    add(bookId, day, views = 1) {
      const key = `${bookId}/${day}`;
      const entry = counts.get(key);
      if (entry) entry.views += views;
      else counts.set(key, { bookId, day, views });
    },
    take() {
      const taken = [...counts.values()];
      counts = new Map();
      // A stable order: concurrent flushes from several instances lock Book rows in the same order.
      return taken.sort((a, b) => a.bookId - b.bookId || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    },
    get size() {
      return counts.size;
    },
  };
}
