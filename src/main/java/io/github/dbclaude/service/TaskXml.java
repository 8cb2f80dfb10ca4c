package io.github.dbclaude.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * The Task Scheduler definition {@code schtasks /Create /XML} reads: a logon trigger, restart on
 * failure, no time limit. UTF-16 with a byte-order mark, the encoding Task Scheduler itself writes.
 */
final class TaskXml {
  static final String NS = "http://schemas.microsoft.com/windows/2004/02/mit/task";

  private TaskXml() {}

  static byte[] render(DaemonSpec spec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-16");
      xml.writeStartDocument("UTF-16", "1.0");
      xml.writeStartElement("Task");
      xml.writeDefaultNamespace(NS);
      xml.writeAttribute("version", "1.2");
      element(xml, "RegistrationInfo", () -> leaf(xml, "Description", description()));
      element(
          xml, "Triggers", () -> element(xml, "LogonTrigger", () -> leaf(xml, "Enabled", "true")));
      element(
          xml,
          "Principals",
          () -> {
            xml.writeStartElement("Principal");
            xml.writeAttribute("id", "Author");
            leaf(xml, "LogonType", "InteractiveToken");
            leaf(xml, "RunLevel", "LeastPrivilege");
            xml.writeEndElement();
          });
      settings(xml);
      actions(xml, spec);
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the task definition: " + e.getMessage(), e);
    }
    byte[] body = bytes.toByteArray();
    // StAX's UTF-16 output is big-endian with a BOM; Task Scheduler writes little-endian.
    String text = new String(body, StandardCharsets.UTF_16);
    byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[le.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(le, 0, withBom, 2, le.length);
    return withBom;
  }

  private static void settings(XMLStreamWriter xml) throws XMLStreamException {
    element(
        xml,
        "Settings",
        () -> {
          leaf(xml, "MultipleInstancesPolicy", "IgnoreNew");
          leaf(xml, "DisallowStartIfOnBatteries", "false");
          leaf(xml, "StopIfGoingOnBatteries", "false");
          leaf(xml, "ExecutionTimeLimit", "PT0S");
          element(
              xml,
              "RestartOnFailure",
              () -> {
                leaf(xml, "Interval", "PT1M");
                leaf(xml, "Count", "999");
              });
        });
  }

  private static void actions(XMLStreamWriter xml, DaemonSpec spec) throws XMLStreamException {
    xml.writeStartElement("Actions");
    xml.writeAttribute("Context", "Author");
    element(
        xml,
        "Exec",
        () -> {
          leaf(xml, "Command", spec.binary().toString());
          leaf(xml, "Arguments", WindowsArguments.join(spec.arguments()));
          leaf(xml, "WorkingDirectory", spec.home().toString());
        });
    xml.writeEndElement();
  }

  /** The command line of a task definition: its {@code Command} then its split arguments. */
  static Optional<List<String>> commandLine(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
      var commands = doc.getElementsByTagNameNS(NS, "Command");
      var arguments = doc.getElementsByTagNameNS(NS, "Arguments");
      if (commands.getLength() == 0) {
        return Optional.empty();
      }
      List<String> line = new java.util.ArrayList<>();
      line.add(commands.item(0).getTextContent());
      if (arguments.getLength() > 0) {
        line.addAll(WindowsArguments.split(arguments.item(0).getTextContent()));
      }
      return Optional.of(line);
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return Optional.empty();
    }
  }

  private static String description() {
    return "databricks-claude daemon: the Claude Code proxy for the Databricks AI Gateway";
  }

  private interface Body {
    void write() throws XMLStreamException;
  }

  private static void element(XMLStreamWriter xml, String name, Body body)
      throws XMLStreamException {
    xml.writeStartElement(name);
    body.write();
    xml.writeEndElement();
  }

  private static void leaf(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
