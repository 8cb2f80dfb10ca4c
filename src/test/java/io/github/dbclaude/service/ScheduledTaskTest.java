package io.github.dbclaude.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.GoldenFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ScheduledTaskTest {
  private static final Path GOLDEN = Path.of("src/test/resources/io/github/dbclaude/service");

  @TempDir Path home;

  @Test
  void taskXmlMatchesItsGoldenFile() throws IOException {
    Path fixedHome = Path.of("C:\\Users\\user one");
    byte[] xml =
        TaskXml.render(
            Specs.awkward(
                fixedHome, Path.of("C:\\Program Files\\databricks-claude\\databricks-claude.cmd")));
    assertThat(xml).startsWith((byte) 0xFF, (byte) 0xFE);
    GoldenFile.assertMatches(
        GOLDEN.resolve("databricks-claude-daemon.xml"), xml, StandardCharsets.UTF_16);
  }

  @Test
  void taskXmlParsesBackToTheDaemonCommandLine() throws Exception {
    DaemonSpec spec = Specs.awkward(home, home.resolve("bin dir\\databricks-claude.cmd"));
    byte[] xml = TaskXml.render(spec);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(TaskXml.NS);
    assertThat(doc.getElementsByTagNameNS(TaskXml.NS, "LogonTrigger").getLength()).isOne();
    assertThat(TaskXml.commandLine(xml)).contains(spec.commandLine());
  }

  @Test
  void windowsQuotingRoundTrips() {
    List<String> args =
        List.of(
            "plain",
            "with space",
            "trailing\\",
            "C:\\dir with space\\",
            "quote\"inside",
            "back\\\\\"slash",
            "",
            "--profile=team \"blue\"");
    assertThat(WindowsArguments.split(WindowsArguments.join(args))).isEqualTo(args);
  }

  @Test
  void installCreatesTheTaskFromTheXmlAndRunsIt() throws IOException {
    RecordingServiceCommands commands = new RecordingServiceCommands();
    ScheduledTask task = new ScheduledTask(home, commands);
    task.install(Specs.plain(home));
    assertThat(commands.calls)
        .contains(
            List.of(
                "schtasks",
                "/Create",
                "/XML",
                task.manifest().toString(),
                "/TN",
                DaemonSpec.NAME,
                "/F"),
            List.of("schtasks", "/Run", "/TN", DaemonSpec.NAME));
  }

  @Test
  void statusReadsTheTaskCsv() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(
                new CommandResult(
                    0,
                    "\"HostName\",\"TaskName\",\"Status\",\"Last Result\"\n"
                        + "\"PC\",\"\\databricks-claude-daemon\",\"Ready\",\"2\""),
                "schtasks",
                "/Query");
    ScheduledTask task = new ScheduledTask(home, commands);
    task.install(Specs.plain(home));
    ServiceStatus status = task.status();
    assertThat(status.running()).isEqualTo(ServiceStatus.Running.FAILED);
    assertThat(status.lastExit()).hasValue(2);
    assertThat(status.port()).hasValue(49153);
  }
}
