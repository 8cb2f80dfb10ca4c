package io.github.dbclaude.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoctorRemoteChecksTest {
  @Test
  void skewedClockIsAFailure() {
    DoctorFinding finding =
        DoctorRemoteChecks.clockSkew(
            Optional.of("Sun, 01 Mar 2026 10:00:00 GMT"),
            java.time.Instant.parse("2026-03-01T10:07:00Z"));

    assertThat(finding.status()).isEqualTo(DoctorFinding.Status.FAIL);
    assertThat(finding.line()).contains("differs from the gateway's by 420 s").contains("NTP");
    assertThat(
            DoctorRemoteChecks.clockSkew(
                    Optional.of("Sun, 01 Mar 2026 10:00:00 GMT"),
                    java.time.Instant.parse("2026-03-01T10:00:20Z"))
                .status())
        .isEqualTo(DoctorFinding.Status.OK);
  }
}
