import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "./authoring/actor";
import * as admin from "./admin";
import * as books from "./authoring/books";
import * as chapters from "./authoring/chapters";
import * as importUpload from "./authoring/import-upload";
import * as moderation from "./comments/moderation";
import * as notices from "./notices/notices";
import * as blocks from "./moderation/blocks";
import * as reviewModeration from "./reviews/moderation";
import * as reviews from "./reviews/queries";
import * as stats from "./authoring/stats";
import * as bookmarks from "./bookmarks";
import * as reader from "./reader";

// What the signed-in pages and the reader's API read and write (the dashboard, the admin pages,
// the shelf, history and reading progress): the counterpart of catalog.ts for what differs per
// visitor. Never cached; each is checked for its actor by the data layer (another author's book
// is NOT_FOUND, a non-admin is FORBIDDEN). They go through the site's database client, so route
// files never import it.

type Rest<F> = F extends (db: never, ...rest: infer R) => unknown ? R : never;

// The dashboard
export const listMyBooks = (...args: Rest<typeof books.listMyBooks>) => books.listMyBooks(db, ...args);
export const getBookForEdit = (...args: Rest<typeof books.getBookForEdit>) => books.getBookForEdit(db, ...args);
export const getChapterForEdit = (...args: Rest<typeof chapters.getChapterForEdit>) =>
  chapters.getChapterForEdit(db, ...args);
export const listChaptersForEdit = (...args: Rest<typeof chapters.listChaptersForEdit>) =>
  chapters.listChaptersForEdit(db, ...args);
export const listCommentsToModerate = (...args: Rest<typeof moderation.listCommentsToModerate>) =>
  moderation.listCommentsToModerate(db, ...args);
export const listReviewsToModerate = (...args: Rest<typeof reviewModeration.listReviewsToModerate>) =>
  reviewModeration.listReviewsToModerate(db, ...args);
export const getBookStats = (...args: Rest<typeof stats.getBookStats>) => stats.getBookStats(db, ...args);

// The admin pages
export const searchUsers = (...args: Rest<typeof admin.searchUsers>) => admin.searchUsers(db, ...args);
export const listCategories = (actor: Actor) => admin.listCategories(db, actor);
export const getSiteNoticeForAdmin = (actor: Actor) => admin.getSiteNoticeForAdmin(db, actor);
export const searchBooks = (...args: Rest<typeof admin.searchBooks>) => admin.searchBooks(db, ...args);
export const listHiddenBooks = (actor: Actor) => admin.listHiddenBooks(db, actor);
export const listFeatured = (actor: Actor) => admin.listFeatured(db, actor);

// The reader's own pages
export const getMyReview = (...args: Rest<typeof reviews.queryMyReview>) => reviews.queryMyReview(db, ...args);
export const getShelf = (...args: Rest<typeof reader.getShelf>) => reader.getShelf(db, ...args);
export const getHistory = (...args: Rest<typeof reader.getHistory>) => reader.getHistory(db, ...args);
export const addToShelf = (...args: Rest<typeof reader.addToShelf>) => reader.addToShelf(db, ...args);
export const removeFromShelf = (...args: Rest<typeof reader.removeFromShelf>) => reader.removeFromShelf(db, ...args);
export const isOnShelf = (...args: Rest<typeof reader.isOnShelf>) => reader.isOnShelf(db, ...args);
export const recordProgress = (...args: Rest<typeof reader.recordProgress>) => reader.recordProgress(db, ...args);
export const mergeProgress = (...args: Rest<typeof reader.mergeProgress>) => reader.mergeProgress(db, ...args);
export const listBookmarks = (userId: number, bookId: number) => bookmarks.listBookmarks(db, userId, bookId);
export const listRecentBookmarks = (userId: number) => bookmarks.listRecentBookmarks(db, userId);
export const addBookmark = (...args: Rest<typeof bookmarks.addBookmark>) => bookmarks.addBookmark(db, ...args);
export const removeBookmark = (...args: Rest<typeof bookmarks.removeBookmark>) => bookmarks.removeBookmark(db, ...args);
export const mergeBookmarks = (...args: Rest<typeof bookmarks.mergeBookmarks>) => bookmarks.mergeBookmarks(db, ...args);
export const listNotices = (...args: Rest<typeof notices.listNotices>) => notices.listNotices(db, ...args);
export const countUnreadNotices = (...args: Rest<typeof notices.countUnreadNotices>) =>
  notices.countUnreadNotices(db, ...args);
export const getNoticeEmail = (...args: Rest<typeof notices.getNoticeEmail>) => notices.getNoticeEmail(db, ...args);
export const getCommentFilters = (userId: number) => blocks.queryCommentFilters(db, userId);
export const getBlockList = (userId: number) => blocks.queryBlockList(db, userId);
export const getImportProgress = (...args: Rest<typeof importUpload.getImportProgress>) =>
  importUpload.getImportProgress(db, ...args);
