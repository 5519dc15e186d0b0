import { parse, type DefaultTreeAdapterTypes as T } from "parse5";

/** The elements whose attribute names a page a reader can go to. */
const LINK_ATTRIBUTES: Record<string, string> = { a: "href", area: "href", iframe: "src", frame: "src" };

const attribute = (element: T.Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

/**
 * The absolute http(s) URLs an HTML page links to, in page order, each once, without their
 * fragment. Relative links resolve against the page's <base href> when it has one.
 */
export function linksOf(html: string, pageUrl: string): string[] {
  const document = parse(html);
  let base = pageUrl;
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (node: T.ParentNode) => {
    for (const child of node.childNodes) {
      if (!("tagName" in child)) continue;
      if (child.tagName === "base") {
        const href = attribute(child, "href");
        if (href) base = resolveLink(href, pageUrl) ?? base;
      }
      const name = LINK_ATTRIBUTES[child.tagName];
      const value = name ? attribute(child, name) : undefined;
      if (value) {
        const url = resolveLink(value, base);
        if (url && !seen.has(url)) {
          seen.add(url);
          found.push(url);
        }
      }
      visit(child.tagName === "template" ? (child as T.Template).content : child);
    }
  };
  visit(document);
  return found;
}

/** The only schemes a crawl follows. */
export function isWebUrl(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

/** Why a start URL cannot be crawled (not a URL, another scheme), or null. */
export function startUrlProblem(value: string): "not a URL" | "only http and https URLs are crawled" | null {
  try {
    return isWebUrl(new URL(value)) ? null : "only http and https URLs are crawled";
  } catch {
    return "not a URL";
  }
}

function resolveLink(value: string, base: string): string | null {
  try {
    const url = new URL(value.trim(), base);
    if (!isWebUrl(url)) return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

/** Links to files that are never a filing nor a page of links: not worth a request. */
const NOT_FILINGS = /\.(?:jpe?g|png|gif|svg|webp|ico|bmp|css|js|mjs|json|xml|rss|atom|zip|lzh|gz|tgz|7z|rar|docx?|xlsx?|pptx?|odt|ods|odp|csv|mp3|mp4|m4a|wav|avi|mov|wmv|woff2?|ttf|otf|exe|dmg|msi)$/i;

export function mightBeFilingOrIndex(url: string): boolean {
  return !NOT_FILINGS.test(new URL(url).pathname);
}
