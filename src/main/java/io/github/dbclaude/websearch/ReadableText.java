package io.github.dbclaude.websearch;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns a page into text a model can read: the title, headings marked with {@code #}, list items
 * with {@code -}, links followed by their target, one line per block; scripts and styles dropped.
 */
final class ReadableText {
  private static final Set<String> DROPPED =
      Set.of("script", "style", "noscript", "template", "svg", "head", "iframe");
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "nav",
          "aside",
          "br",
          "tr",
          "table",
          "ul",
          "ol",
          "dl",
          "dt",
          "dd",
          "pre",
          "blockquote",
          "form",
          "hr",
          "figure",
          "figcaption",
          "li",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6");

  private ReadableText() {}

  /** Text of {@code body}; content without any {@code <} is returned trimmed as it is. */
  static String of(String body, String baseUrl) {
    if (body.indexOf('<') < 0) {
      return body.strip();
    }
    Document page = Jsoup.parse(body, baseUrl);
    StringBuilder out = new StringBuilder();
    String title = page.title().strip();
    if (!title.isEmpty()) {
      out.append(title).append("\n\n");
    }
    walk(page.body(), out);
    return tidy(out.toString());
  }

  private static void walk(Node node, StringBuilder out) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode text) {
        out.append(text.text());
      } else if (child instanceof Element element && !DROPPED.contains(element.normalName())) {
        element(element, out);
      }
    }
  }

  private static void element(Element element, StringBuilder out) {
    String name = element.normalName();
    boolean block = BLOCKS.contains(name);
    if (block) {
      out.append('\n');
    }
    if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
      out.append("#".repeat(name.charAt(1) - '0')).append(' ');
    } else if (name.equals("li")) {
      out.append("- ");
    }
    walk(element, out);
    String href = name.equals("a") ? element.absUrl("href") : "";
    if (!href.isEmpty() && !href.equals(element.text().strip())) {
      out.append(" (").append(href).append(')');
    }
    if (block) {
      out.append('\n');
    }
  }

  // Runs of spaces become one space, and blank lines collapse to at most one.
  private static String tidy(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      String clean = line.replace('\u00a0', ' ').replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip();
      if (!clean.isEmpty()) {
        out.append(clean).append('\n');
      }
    }
    return out.toString().strip();
  }
}
