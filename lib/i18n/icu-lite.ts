// The part of ICU MessageFormat the site's messages use, small enough for the browser: {name},
// {name, number}, {name, plural, =0 {…} one {…} other {…}} with #, and {name, select, a {…}
// other {…}}, nested. The client islands format with it instead of next-intl's client runtime
// (intl-messageformat and its parser, ~13 KB gzipped on every page); the server keeps next-intl.
// A quote starts literal text only before { } or # ('{x}'), and '' is one quote, as in ICU.

type Value = string | number | Date | null | undefined;
export type Values = Record<string, Value>;

type Choice = { name: string; kind: "plural" | "select"; options: Map<string, Node[]> };
type Arg = { name: string; kind: "plain" | "number" } | Choice;
type Node = string | Arg | { kind: "pound" };

class Parser {
  i = 0;
  constructor(private readonly text: string) {}

  nodes(inPlural: boolean): Node[] {
    const out: Node[] = [];
    let literal = "";
    const flush = () => {
      if (literal) out.push(literal);
      literal = "";
    };
    const { text } = this;
    while (this.i < text.length) {
      const ch = text[this.i]!;
      if (ch === "}") break;
      if (ch === "{") {
        flush();
        out.push(this.argument());
      } else if (ch === "#" && inPlural) {
        flush();
        out.push({ kind: "pound" });
        this.i++;
      } else if (ch === "'") {
        const next = text[this.i + 1];
        if (next === "'") {
          literal += "'";
          this.i += 2;
        } else if (next === "{" || next === "}" || next === "#") {
          const end = text.indexOf("'", this.i + 1);
          const stop = end === -1 ? text.length : end;
          literal += text.slice(this.i + 1, stop);
          this.i = stop + 1;
        } else {
          literal += "'";
          this.i++;
        }
      } else {
        literal += ch;
        this.i++;
      }
    }
    flush();
    return out;
  }

  private word(): string {
    const match = /^\s*([^\s,{}]*)\s*/.exec(this.text.slice(this.i))!;
    this.i += match[0].length;
    return match[1]!;
  }

  private expect(ch: string): void {
    if (this.text[this.i] !== ch) throw new SyntaxError(`expected "${ch}" at ${this.i} in: ${this.text}`);
    this.i++;
  }

  private argument(): Arg {
    this.expect("{");
    const name = this.word();
    if (this.text[this.i] === "}") {
      this.i++;
      return { name, kind: "plain" };
    }
    this.expect(",");
    const type = this.word();
    if (type === "plural" || type === "select") {
      this.expect(",");
      const options = new Map<string, Node[]>();
      for (;;) {
        const key = this.word();
        if (!key) break;
        this.expect("{");
        options.set(key, this.nodes(type === "plural"));
        this.expect("}");
      }
      this.expect("}");
      return { name, kind: type, options };
    }
    // {n, number} and {n, number, style}: formatted as a plain number.
    const end = this.text.indexOf("}", this.i);
    if (end === -1) throw new SyntaxError(`unclosed argument in: ${this.text}`);
    this.i = end + 1;
    return { name, kind: type === "number" ? "number" : "plain" };
  }
}

const parsed = new Map<string, Node[]>();

function parse(message: string): Node[] {
  let nodes = parsed.get(message);
  if (!nodes) {
    const parser = new Parser(message);
    nodes = parser.nodes(false);
    if (parser.i !== message.length) throw new SyntaxError(`unexpected "}" in: ${message}`);
    parsed.set(message, nodes);
  }
  return nodes;
}

function render(nodes: Node[], locale: string, values: Values, count: number | undefined): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node === "string") out += node;
    else if (node.kind === "pound") out += count === undefined ? "#" : new Intl.NumberFormat(locale).format(count);
    else {
      const value = values[node.name];
      if (node.kind === "plain") out += value instanceof Date ? value.toISOString() : String(value ?? "");
      else if (node.kind === "number") out += new Intl.NumberFormat(locale).format(Number(value));
      else if (node.kind === "select") {
        const branch = node.options.get(String(value)) ?? node.options.get("other") ?? [];
        out += render(branch, locale, values, count);
      } else {
        const choice = node as Choice;
        const n = Number(value);
        const branch =
          choice.options.get(`=${n}`) ??
          choice.options.get(new Intl.PluralRules(locale).select(n)) ??
          choice.options.get("other") ??
          [];
        out += render(branch, locale, values, n);
      }
    }
  }
  return out;
}

/** `message` with `values` filled in, in `locale`'s number and plural forms. */
export function formatMessage(locale: string, message: string, values: Values = {}): string {
  return render(parse(message), locale, values, undefined);
}
