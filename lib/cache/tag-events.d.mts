export type TagListener = (tags: readonly string[] | "*", durations?: { expire?: number }) => void;
export function onTagsExpired(listener: TagListener): () => void;
export function announceTagsExpired(tags: readonly string[] | "*", durations?: { expire?: number }): void;
