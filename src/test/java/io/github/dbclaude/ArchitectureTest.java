package io.github.dbclaude;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (STYLE.md): each package may use only the packages its package-info
 * lists after "May depend on:" — the package-info is the one source, read here — and nothing but
 * {@code cli} knows {@code cli}.
 */
class ArchitectureTest {
  private static final String ROOT = "io.github.dbclaude";
  private static final Path SOURCES = Path.of("src/main/java/io/github/dbclaude");
  private static final Pattern MAY_DEPEND_ON = Pattern.compile("May depend on: ([^.]*)\\.");
  private static Map<String, Set<String>> allowed;
  private static JavaClasses classes;

  /** Every top-level package but {@code cli}, with the packages its package-info allows. */
  static Map<String, Set<String>> allowedByPackageInfo() throws IOException {
    Map<String, Set<String>> result = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String pkg = dir.getFileName().toString();
        if (pkg.equals("cli")) {
          continue;
        }
        String text = Files.readString(dir.resolve("package-info.java")).replace("\n *", "");
        Matcher m = MAY_DEPEND_ON.matcher(text);
        assertThat(m.find()).as(pkg + "/package-info.java says \"May depend on: ….\"").isTrue();
        String list = m.group(1).strip();
        result.put(
            pkg,
            list.equals("nothing")
                ? Set.of()
                : Set.copyOf(Arrays.stream(list.split(",")).map(String::strip).toList()));
      }
    }
    return result;
  }

  @BeforeAll
  static void importMainClasses() throws IOException {
    allowed = allowedByPackageInfo();
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void everyPackageInfoNamesOnlyPackagesThatExist() {
    allowed.forEach(
        (pkg, uses) ->
            assertThat(allowed.keySet()).as(pkg + "/package-info.java").containsAll(uses));
  }

  @Test
  void theArchitectureDocumentListsEveryPackageWithItsPackageInfosDependencies()
      throws IOException {
    Map<String, Set<String>> documented = new TreeMap<>();
    Pattern row =
        Pattern.compile("^\\| `([a-z]+)`[^|]*\\|[^|]*\\| ([^|]+) \\|$", Pattern.MULTILINE);
    Matcher m = row.matcher(Files.readString(Path.of("docs/ARCHITECTURE.md")));
    while (m.find()) {
      String uses = m.group(2).strip();
      if (!m.group(1).equals("cli")) {
        documented.put(
            m.group(1),
            uses.equals("nothing")
                ? Set.of()
                : Set.copyOf(Arrays.stream(uses.split(",")).map(String::strip).toList()));
      }
    }
    assertThat(documented).isEqualTo(allowed);
  }

  @Test
  void everyPackageUsesOnlyWhatItsPackageInfoAllows() {
    List<String> all = Stream.concat(allowed.keySet().stream(), Stream.of("cli")).toList();
    allowed.forEach(
        (pkg, uses) -> {
          String[] forbidden =
              all.stream()
                  .filter(other -> !other.equals(pkg) && !uses.contains(other))
                  .map(other -> ROOT + "." + other + "..")
                  .toArray(String[]::new);
          noClasses()
              .that()
              .resideInAPackage(ROOT + "." + pkg + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(forbidden)
              .allowEmptyShould(true)
              .check(classes);
        });
  }
}
