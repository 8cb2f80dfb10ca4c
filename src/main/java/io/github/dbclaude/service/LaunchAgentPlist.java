package io.github.dbclaude.service;

import io.github.dbclaude.platform.PlistWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The LaunchAgent property list: written with the plist writer, read back for its arguments. */
final class LaunchAgentPlist {
  private LaunchAgentPlist() {}

  static byte[] render(DaemonSpec spec) {
    PlistWriter plist =
        new PlistWriter().startDict().key("Label").string(DaemonSpec.NAME).key("ProgramArguments");
    plist.startArray();
    spec.commandLine().forEach(plist::string);
    plist.end();
    spec.databricksCli()
        .ifPresent(
            cli ->
                plist
                    .key("EnvironmentVariables")
                    .startDict()
                    .key("DATABRICKS_CLI")
                    .string(cli.toString())
                    .end());
    return plist
        .key("RunAtLoad")
        .bool(true)
        // Restarted when it exits with a failure, left alone after a clean stop.
        .key("KeepAlive")
        .startDict()
        .key("SuccessfulExit")
        .bool(false)
        .end()
        .key("WorkingDirectory")
        .string(spec.home().toString())
        .key("StandardOutPath")
        .string("/dev/null")
        .key("StandardErrorPath")
        .string(spec.logFile().toString())
        .end()
        .finish();
  }

  /**
   * The {@code ProgramArguments} strings of a plist, or empty when it has none or is unreadable.
   */
  static Optional<List<String>> programArguments(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      factory.setExpandEntityReferences(false);
      Element root =
          factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
      Element dict = firstElement(root.getFirstChild());
      for (Element e = dict == null ? null : firstElement(dict.getFirstChild());
          e != null;
          e = firstElement(e.getNextSibling())) {
        if (e.getTagName().equals("key") && e.getTextContent().equals("ProgramArguments")) {
          Element array = firstElement(e.getNextSibling());
          return array == null ? Optional.empty() : Optional.of(strings(array));
        }
      }
      return Optional.empty();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return Optional.empty();
    }
  }

  private static List<String> strings(Element array) {
    List<String> values = new ArrayList<>();
    for (Element e = firstElement(array.getFirstChild());
        e != null;
        e = firstElement(e.getNextSibling())) {
      values.add(e.getTextContent());
    }
    return values;
  }

  private static Element firstElement(Node node) {
    Node n = node;
    while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
      n = n.getNextSibling();
    }
    return (Element) n;
  }
}
