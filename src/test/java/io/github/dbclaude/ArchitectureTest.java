package io.github.dbclaude;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (STYLE.md): each capability package may use only the packages listed
 * here — the same lists its package-info states — and nothing but {@code cli} knows {@code cli}.
 */
class ArchitectureTest {
  private static final String ROOT = "io.github.dbclaude";
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("json", Set.of()),
          Map.entry("log", Set.of()),
          Map.entry("platform", Set.of()),
          Map.entry("config", Set.of("json", "log", "platform")),
          Map.entry("auth", Set.of("config", "json", "log", "platform")),
          Map.entry("websearch", Set.of("json", "log", "platform")),
          Map.entry("proxy", Set.of("auth", "json", "log", "websearch")),
          Map.entry("desktop", Set.of("auth", "config", "json", "log", "platform")),
          Map.entry("lifecycle", Set.of("proxy", "auth", "config", "json", "log", "platform")),
          Map.entry("update", Set.of("config", "json", "log", "platform")),
          Map.entry("demo", Set.of("proxy", "auth", "json", "log")),
          Map.entry(
              "session", Set.of("auth", "config", "json", "log", "platform", "proxy", "websearch")),
          Map.entry(
              "doctor",
              Set.of("auth", "config", "json", "lifecycle", "log", "platform", "session")));
  private static final List<String> ALL =
      Stream.concat(ALLOWED.keySet().stream(), Stream.of("cli")).toList();
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void everyPackageUsesOnlyWhatItsPackageInfoAllows() {
    ALLOWED.forEach(
        (pkg, allowed) -> {
          String[] forbidden =
              ALL.stream()
                  .filter(other -> !other.equals(pkg) && !allowed.contains(other))
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
