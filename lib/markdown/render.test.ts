import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";

describe("renderMarkdown", () => {
  it("renders headings, lists, emphasis and code", () => {
    const html = renderMarkdown("# Rules\n\nBe **firm** but *polite*.\n\n- look again\n- cite `evidence`\n\n1. one\n2. two");
    expect(html).toContain("<h2>Rules</h2>");
    expect(html).toContain("<p>Be <strong>firm</strong> but <em>polite</em>.</p>");
    expect(html).toContain("<ul>\n<li>look again</li>\n<li>cite <code>evidence</code></li>\n</ul>");
    expect(html).toContain("<ol>\n<li>one</li>\n<li>two</li>\n</ol>");
  });
  it("escapes HTML and refuses non-http links", () => {
    const html = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.org/x) "q"');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://a.org/x" rel="noopener noreferrer" target="_blank">ok</a>');
  });
  it("continues a list item on indented lines", () => {
    expect(renderMarkdown("- first line\n  goes on\n- second")).toBe("<ul>\n<li>first line goes on</li>\n<li>second</li>\n</ul>");
  });
  it("keeps code blocks verbatim", () => {
    expect(renderMarkdown("```\n# not a heading\n<b>\n```")).toBe("<pre><code># not a heading\n&lt;b&gt;</code></pre>");
  });
});
