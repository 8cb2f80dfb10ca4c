package io.github.dbclaude;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Language and library features whose first use costs a short command milliseconds that the AOT
 * cache cannot save (measured in docs/PERFORMANCE.md): the credential helper runs every minute and
 * the hooks at every session start, so these stay out of the product.
 */
class StartupCostTest {
  private static final Path CLASSES = Path.of("target/classes");

  /**
   * A pattern {@code switch} over types (or qualified enum constants) links through {@code
   * SwitchBootstraps}, which spins a class at the site's first run — about 4 ms each.
   */
  @Test
  void noClassUsesAPatternSwitch() throws IOException {
    byte[] marker = "java/lang/runtime/SwitchBootstraps".getBytes(StandardCharsets.US_ASCII);
    List<String> offenders;
    try (Stream<Path> files = Files.walk(CLASSES)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .filter(p -> contains(read(p), marker))
              .map(p -> CLASSES.relativize(p).toString())
              .toList();
    }
    assertThat(offenders).as("classes with a pattern switch (use instanceof)").isEmpty();
  }

  /** The JCA provider look-up behind {@code MessageDigest} costs about 25 ms of CPU. */
  @Test
  void theCredentialHelpersPackagesHashNothingThroughJca() {
    noClasses()
        .that()
        .resideInAnyPackage("io.github.dbclaude.desktop..", "io.github.dbclaude.auth..")
        .should()
        .callMethod(MessageDigest.class, "getInstance", String.class)
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.dbclaude"));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
