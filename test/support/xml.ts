/** An element of a parsed XML document: its name, attributes (entities decoded), children and text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_][-\w.:]*/y;
const ATTR = /\s+([A-Za-z_][-\w.:]*)="([^"<]*)"/y;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

/** Entities decoded; throws on a bare & or <, as an XML parser does. */
function decode(raw: string, where: number): string {
  if (/[<]/.test(raw) || /&/.test(raw.replace(ENTITY, ''))) throw new Error(`malformed XML at ${where}: a bare & or < in ${JSON.stringify(raw.slice(0, 40))}`);
  return raw.replace(ENTITY, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e] ?? String.fromCodePoint(Number(e.startsWith('&#x') ? `0x${e.slice(3, -1)}` : e.slice(2, -1))));
}

/**
 * Parses a small XML document strictly enough for tests of generated SVG (the optional prolog,
 * elements, quoted attributes, text, comments; no DTD, CDATA or processing instructions elsewhere):
 * throws naming the offset on anything malformed, as unbalanced tags, a duplicate attribute, or
 * a second root.
 */
export function parseXml(text: string): XmlElement {
  let at = text.startsWith('<?xml') ? text.indexOf('?>') + 2 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (at < text.length) {
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at);
      if (end < 0) throw new Error(`malformed XML at ${at}: an unclosed comment`);
      at = end + 3;
    } else if (text.startsWith('</', at)) {
      NAME.lastIndex = at + 2;
      const name = NAME.exec(text)?.[0];
      const open = stack.pop();
      if (!name || !open || open.name !== name || text[at + 2 + name.length] !== '>') throw new Error(`malformed XML at ${at}: </${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
      at += name.length + 3;
    } else if (text[at] === '<') {
      NAME.lastIndex = at + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) throw new Error(`malformed XML at ${at}: no element name`);
      const element: XmlElement = { name, attrs: {}, children: [], text: '' };
      let p = at + 1 + name.length;
      for (;;) {
        ATTR.lastIndex = p;
        const m = ATTR.exec(text);
        if (!m) break;
        if (m[1]! in element.attrs) throw new Error(`malformed XML at ${p}: attribute ${m[1]} twice on <${name}>`);
        element.attrs[m[1]!] = decode(m[2]!, p);
        p = ATTR.lastIndex;
      }
      while (/\s/.test(text[p] ?? '')) p++;
      const selfClosing = text.startsWith('/>', p);
      if (!selfClosing && text[p] !== '>') throw new Error(`malformed XML at ${p}: <${name}> not closed (${JSON.stringify(text.slice(p, p + 20))})`);
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (root) throw new Error(`malformed XML at ${at}: a second root <${name}>`);
      else root = element;
      if (!selfClosing) stack.push(element);
      at = p + (selfClosing ? 2 : 1);
    } else {
      const end = text.indexOf('<', at);
      const raw = text.slice(at, end < 0 ? text.length : end);
      const parent = stack.at(-1);
      if (parent) parent.text += decode(raw, at);
      else if (raw.trim()) throw new Error(`malformed XML at ${at}: text outside the root`);
      at += raw.length;
    }
  }
  if (stack.length) throw new Error(`malformed XML: <${stack.at(-1)!.name}> never closed`);
  if (!root) throw new Error('malformed XML: no root element');
  return root;
}

/** Every element named `name` (any name when left out) under `root`, itself included, in document order. */
export function descendants(root: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (name === undefined || e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}
