package io.github.dbclaude.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintainer scripts under packaging/macos, run for real: the signing certificate they create
 * is a code-signing X.509 certificate with the subject asked for, its .p12 opens with the password,
 * and the .pkg payload links the launcher and the helper where {@code --for-pkg} says they are.
 */
class FleetPackagingScriptsTest {
  private static final Path SCRIPTS = Path.of("packaging/macos").toAbsolutePath();
  @TempDir Path temp;

  private ProcessRun sh(String... args) throws Exception {
    return ProcessRun.of(
        List.of(args), Map.of("PATH", "/usr/bin:/bin", "TMPDIR", temp.toString()), temp, temp);
  }

  @Test
  void signingCertificateIsForCodeSigningWithTheRequestedSubject() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    Path password = Files.writeString(temp.resolve("pw"), "s3cret-pass\n");
    Path out = temp.resolve("signing");

    ProcessRun run =
        sh(
            SCRIPTS.resolve("make-signing-cert.sh").toString(),
            "--cn",
            "Acme Claude, Signing",
            "--org",
            "Acme Corp",
            "--out-dir",
            out.toString(),
            "--password-file",
            password.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(out.resolve("codesign.pem"))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("O=Acme Corp,CN=Acme Claude\\, Signing");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);

    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(out.resolve("codesign.p12"))) {
      p12.load(in, "s3cret-pass".toCharArray());
    }
    String alias = p12.aliases().nextElement();
    assertThat(p12.isKeyEntry(alias)).isTrue();
    assertThat(p12.getCertificate(alias)).isEqualTo(cert);
    assertThat(Files.getPosixFilePermissions(out.resolve("codesign.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void signingCertificateDefaultsAreObviousPlaceholders() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    Path password = Files.writeString(temp.resolve("pw"), "x");

    ProcessRun run =
        sh(
            SCRIPTS.resolve("make-signing-cert.sh").toString(),
            "--out-dir",
            temp.toString(),
            "--password-file",
            password.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    byte[] pem = Files.readAllBytes(temp.resolve("codesign.pem"));
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    assertThat(cert.getSubjectX500Principal().getName()).contains("CHANGE ME");
  }

  @Test
  void signingCertificateRefusesToRunWithoutAPasswordFile() throws Exception {
    ProcessRun run =
        sh(
            SCRIPTS.resolve("make-signing-cert.sh").toString(),
            "--out-dir",
            temp.resolve("o").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("--password-file is required");
    assertThat(temp.resolve("o")).doesNotExist();
  }

  @Test
  void pkgPayloadLinksLauncherAndHelperIntoUsrLocalBin() throws Exception {
    Path dist = Files.createDirectories(temp.resolve("dist/bin"));
    Files.writeString(dist.resolve("databricks-claude"), "#!/bin/sh\n");
    Files.createSymbolicLink(
        dist.resolve("databricks-claude-credential-helper"), Path.of("databricks-claude"));
    Files.writeString(dist.resolve("databricks-claude.cmd"), "@echo off\n");
    Files.createDirectories(temp.resolve("dist/lib"));
    Files.createDirectories(temp.resolve("dist/runtime/bin"));
    Path archive = temp.resolve("release.tar.gz");
    assertThat(
            sh(
                    "tar",
                    "-czf",
                    archive.toString(),
                    "-C",
                    temp.resolve("dist").toString(),
                    "bin",
                    "lib",
                    "runtime")
                .exitCode())
        .isZero();

    ProcessRun run =
        sh(
            SCRIPTS.resolve("build-pkg.sh").toString(),
            archive.toString(),
            "1.0.0",
            "--out",
            temp.resolve("out").toString(),
            "--payload-only");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    Path root = temp.resolve("out/root");
    Path helper = root.resolve("usr/local/bin/databricks-claude-credential-helper");
    assertThat(Files.readSymbolicLink(helper))
        .isEqualTo(Path.of("../databricks-claude/bin/databricks-claude-credential-helper"));
    assertThat(helper.toRealPath())
        .isEqualTo(root.resolve("usr/local/databricks-claude/bin/databricks-claude").toRealPath());
    assertThat(root.resolve("usr/local/bin/databricks-claude").toRealPath())
        .isEqualTo(helper.toRealPath());
    assertThat(root.resolve("usr/local/databricks-claude/bin/databricks-claude.cmd"))
        .doesNotExist();
  }
}
