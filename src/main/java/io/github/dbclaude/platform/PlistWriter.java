package io.github.dbclaude.platform;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an XML property list through the JDK's StAX writer, laid out as Apple's tools lay it out:
 * one element per line, one TAB per nesting level, and all five XML special characters escaped.
 */
public final class PlistWriter {
  public static final String DOCTYPE =
      "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
          + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">";
  private static final int BASE64_LINE = 76;

  private final StringWriter text = new StringWriter();
  private final XMLStreamWriter xml;
  private int depth;

  public PlistWriter() {
    try {
      xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeDTD(DOCTYPE);
      xml.writeCharacters("\n");
      xml.writeStartElement("plist");
      xml.writeAttribute("version", "1.0");
      depth = 1;
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the JDK's XML writer failed", e);
    }
  }

  public PlistWriter startDict() {
    return start("dict");
  }

  public PlistWriter startArray() {
    return start("array");
  }

  public PlistWriter end() {
    depth--;
    return write(
        () -> {
          indent();
          xml.writeEndElement();
        });
  }

  public PlistWriter key(String key) {
    return leaf("key", key);
  }

  public PlistWriter string(String value) {
    return leaf("string", value);
  }

  public PlistWriter integer(long value) {
    return leaf("integer", Long.toString(value));
  }

  public PlistWriter bool(boolean value) {
    return write(
        () -> {
          indent();
          xml.writeEmptyElement(value ? "true" : "false");
        });
  }

  /** A {@code <data>} element: base64 in 76-column lines, each ending in a newline, unindented. */
  public PlistWriter data(byte[] bytes) {
    return write(
        () -> {
          indent();
          xml.writeStartElement("data");
          xml.writeCharacters("\n" + wrapBase64(bytes));
          xml.writeEndElement();
        });
  }

  public static String wrapBase64(byte[] bytes) {
    String b64 = Base64.getEncoder().encodeToString(bytes);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < b64.length(); i += BASE64_LINE) {
      out.append(b64, i, Math.min(b64.length(), i + BASE64_LINE)).append('\n');
    }
    return out.toString();
  }

  /** Closes the document: {@code </plist>} and a final newline, as UTF-8 bytes. */
  public byte[] finish() {
    write(
        () -> {
          xml.writeCharacters("\n");
          xml.writeEndElement();
          xml.writeCharacters("\n");
          xml.writeEndDocument();
          xml.close();
        });
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private PlistWriter start(String element) {
    write(
        () -> {
          indent();
          xml.writeStartElement(element);
        });
    depth++;
    return this;
  }

  private PlistWriter leaf(String element, String value) {
    return write(
        () -> {
          indent();
          xml.writeStartElement(element);
          characters(value);
          xml.writeEndElement();
        });
  }

  /** StAX escapes {@code & < >} itself; quotes become entity references so all five are escaped. */
  private void characters(String value) throws XMLStreamException {
    int from = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\'') {
        xml.writeCharacters(value.substring(from, i));
        xml.writeEntityRef(c == '"' ? "quot" : "apos");
        from = i + 1;
      }
    }
    xml.writeCharacters(value.substring(from));
  }

  private void indent() throws XMLStreamException {
    xml.writeCharacters("\n" + "\t".repeat(depth));
  }

  private interface XmlStep {
    void run() throws XMLStreamException;
  }

  private PlistWriter write(XmlStep step) {
    try {
      step.run();
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the JDK's XML writer failed", e);
    }
  }
}
