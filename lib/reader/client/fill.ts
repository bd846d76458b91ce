/** A message of the reader's script with its {placeholders} filled ({n, number} too). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)(?:, number)?\}/g, (_, name: string) => String(values[name] ?? ""));
}
