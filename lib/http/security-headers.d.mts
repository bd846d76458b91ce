export type SecurityHeader = { key: string; value: string };
export const SECURITY_HEADERS: SecurityHeader[];
export function scriptHashSource(source: string): string;
export function securityHeadersWithScripts(inlineScripts: readonly string[]): SecurityHeader[];
