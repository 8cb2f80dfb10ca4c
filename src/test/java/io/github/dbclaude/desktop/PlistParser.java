package io.github.dbclaude.desktop;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an XML property list with the JDK's validating-free DOM parser into Java values: dict →
 * ordered Map, array → List, string → String, integer → Long, true/false → Boolean, data → byte[].
 * Anything else (an unknown element, text outside values, a key without a value) fails the test.
 */
final class PlistParser {
  private PlistParser() {}

  static Object parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setExpandEntityReferences(true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    Element plist = doc.getDocumentElement();
    if (!plist.getTagName().equals("plist") || !"1.0".equals(plist.getAttribute("version"))) {
      throw new IllegalArgumentException("not a plist 1.0 root: " + plist.getTagName());
    }
    List<Element> children = elements(plist);
    if (children.size() != 1) {
      throw new IllegalArgumentException("plist must hold exactly one value");
    }
    return value(children.getFirst());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> dict(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object o) {
    return (List<Object>) o;
  }

  private static Object value(Element e) {
    return switch (e.getTagName()) {
      case "dict" -> dictOf(e);
      case "array" -> elements(e).stream().map(PlistParser::value).toList();
      case "string" -> e.getTextContent();
      case "integer" -> Long.parseLong(e.getTextContent().strip());
      case "true" -> true;
      case "false" -> false;
      case "data" -> Base64.getMimeDecoder().decode(e.getTextContent().strip());
      default -> throw new IllegalArgumentException("unknown plist element " + e.getTagName());
    };
  }

  private static Map<String, Object> dictOf(Element e) {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Element> children = elements(e);
    if (children.size() % 2 != 0) {
      throw new IllegalArgumentException("dict with a key and no value");
    }
    for (int i = 0; i < children.size(); i += 2) {
      Element key = children.get(i);
      if (!key.getTagName().equals("key")) {
        throw new IllegalArgumentException("expected <key>, got <" + key.getTagName() + ">");
      }
      if (map.put(key.getTextContent(), value(children.get(i + 1))) != null) {
        throw new IllegalArgumentException("duplicate key " + key.getTextContent());
      }
    }
    return map;
  }

  private static List<Element> elements(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        out.add(child);
      } else if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) {
        throw new IllegalArgumentException("stray text in <" + parent.getTagName() + ">");
      }
    }
    return out;
  }
}
