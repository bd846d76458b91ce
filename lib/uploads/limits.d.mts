export const MAX_IMPORT_BYTES: number;
export const MAX_COVER_BYTES: number;
export const FORM_OVERHEAD_BYTES: number;
export const MAX_IMPORT_REQUEST_BYTES: number;
export const MAX_FORM_REQUEST_BYTES: number;
export const MAX_REQUEST_BYTES: number;
export const BODY_SIZE_LIMIT: string;
export function megabytes(bytes: number): string;
export function limitMegabytes(bytes: number): number;
